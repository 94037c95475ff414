//! The validated form of rule packs, shared by the YAML loader and the packs
//! precompiled by `build.rs`.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::lazy_regex::{LazyRegex, Triggers};
use crate::diagnostic::{Applicability, Category, Severity};

/// A loaded pack: its header, with the rules stored in the [`RuleSet`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pack {
    /// Unique pack name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// Language of the text the pack applies to (ISO 639-1).
    pub language: String,
    /// Source language whose translation produces these artefacts.
    pub pivot: Option<String>,
    /// File the pack was loaded from (`rules/…` for embedded packs).
    pub file: String,
}

/// A phrase (one expansion of a YAML entry) and its originals, best first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhraseEntry {
    /// The literal phrase, matched case-insensitively on word boundaries.
    pub phrase: String,
    /// Likely originals, best first.
    pub originals: Vec<String>,
}

/// How a rule finds matches.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub enum Matcher {
    /// Literal phrases (shared: rule sets are cloned per configuration).
    Phrases(PackedList<PhraseEntry>),
    /// A regex with replacement templates (its larger fields boxed: a rule is no
    /// larger than a phrase rule needs).
    Pattern {
        /// The regex, compiled on first use.
        regex: Box<LazyRegex>,
        /// Literals every match contains (`None`: run on the whole text).
        triggers: Option<Box<Triggers>>,
        /// Replacement templates (`$name`), best first.
        replacements: Vec<String>,
    },
    /// A built-in detector configured by parameters.
    Detector {
        /// Detector name.
        name: String,
        /// Its parameters from YAML (boxed, like the pattern's fields).
        #[serde(with = "yaml_value")]
        params: Box<serde_yaml::Value>,
    },
}

/// A context that vetoes a match.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub enum ExceptionCheck {
    /// Regex on the text before the match.
    Before(LazyRegex),
    /// Regex on the text after the match.
    After(LazyRegex),
    /// Lowercase phrase that must not contain the match.
    Within(String),
}

/// A rule example, checked by `mtlint check-rules` and the test suite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RuleExample {
    /// The rule fires on `text`; applying its top suggestions gives `fixed`.
    Fires {
        /// Input text.
        text: String,
        /// Expected text after fixes, when the rule suggests originals.
        fixed: Option<String>,
    },
    /// The rule does not fire on this text.
    Clean(String),
}

/// A validated rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Rule {
    /// Full id, `pack/rule`.
    #[serde(deserialize_with = "borrowed::text")]
    pub id: Text,
    /// Index of the pack in [`RuleSet::packs`].
    pub pack: usize,
    /// Category.
    pub category: Category,
    /// Severity.
    pub severity: Severity,
    /// Confidence that a match is an artefact.
    pub confidence: f32,
    /// May `--fix` apply the top suggestion?
    pub applicability: Applicability,
    /// Message template.
    #[serde(deserialize_with = "borrowed::option")]
    pub message: Option<Text>,
    /// Copy the case of the match onto suggestions.
    pub preserve_case: bool,
    /// How matches are found.
    pub matcher: Matcher,
    /// Vetoing contexts.
    pub exceptions: Vec<ExceptionCheck>,
    /// What the rule says about itself, decoded on first use.
    pub docs: Packed<RuleDocs>,
}

/// What a rule says about itself: explanations, reports and rule checks read it,
/// finding matches does not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleDocs {
    /// Pivot-language expression.
    pub source: Option<String>,
    /// Longer explanation.
    pub description: Option<String>,
    /// Absolute URL of a page documenting the rule, if the pack gives one.
    pub url: Option<String>,
    /// Examples (only `check-rules`, `explain` and the tests read them).
    pub examples: Vec<RuleExample>,
}

/// All loaded packs and their rules.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct RuleSet {
    /// Packs in load order.
    pub packs: Vec<Pack>,
    /// Rules of all packs.
    #[serde(deserialize_with = "exact_vec")]
    pub rules: Vec<Rule>,
    /// How many leading rules are the unchanged built-in ones, whose phrases the
    /// precompiled phrase automaton holds (0: build it from the rules).
    #[serde(skip)]
    pub precompiled_rules: usize,
}

/// Deserializes a list into a vector allocated once at its announced length
/// (serde caps that at 1 MiB, beyond which the built-in rules would be copied
/// as the vector grows).
fn exact_vec<'de: 'static, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Rule>, D::Error> {
    struct Rules;
    impl<'de: 'static> serde::de::Visitor<'de> for Rules {
        type Value = Vec<Rule>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of rules")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<Rule>, A::Error> {
            // Bounded, so that a corrupt length cannot reserve unbounded memory.
            let mut rules = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
            while let Some(rule) = seq.next_element()? {
                rules.push(rule);
            }
            Ok(rules)
        }
    }
    d.deserialize_seq(Rules)
}

/// A string of a rule: borrowed from the binary for the precompiled packs
/// (decoding them allocates nothing), owned for packs loaded at run time.
pub type Text = Cow<'static, str>;

/// Reads optional [`Text`]s borrowed where the decoder can lend them (serde
/// borrows only a `Cow<'a, str>` with a lifetime of its own, outside an `Option`).
pub(super) mod borrowed {
    use std::borrow::Cow;
    use std::fmt;

    use serde::de::{Deserializer, Visitor};

    use super::Text;

    struct TextVisitor;

    impl<'de: 'static> Visitor<'de> for TextVisitor {
        type Value = Text;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_borrowed_str<E>(self, v: &'static str) -> Result<Text, E> {
            Ok(Cow::Borrowed(v))
        }

        fn visit_str<E>(self, v: &str) -> Result<Text, E> {
            Ok(Cow::Owned(v.to_owned()))
        }

        fn visit_string<E>(self, v: String) -> Result<Text, E> {
            Ok(Cow::Owned(v))
        }
    }

    struct OptionVisitor;

    impl<'de: 'static> Visitor<'de> for OptionVisitor {
        type Value = Option<Text>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an optional string")
        }

        fn visit_none<E>(self) -> Result<Option<Text>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Text>, D::Error> {
            d.deserialize_str(TextVisitor).map(Some)
        }
    }

    /// Deserializes a [`Text`], borrowing the string when it can.
    pub fn text<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        d.deserialize_str(TextVisitor)
    }

    /// Deserializes an `Option<Text>`, borrowing the string when it can.
    pub fn option<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
        d.deserialize_option(OptionVisitor)
    }
}

/// A value of a rule that linting mostly does not read (the thousands of phrases
/// of the phrase rules, which the precompiled automaton finds; the rule's
/// [`RuleDocs`]).
///
/// The precompiled packs store each such value as a postcard blob of its own,
/// which is decoded on first use, so that start-up neither allocates nor
/// validates the phrases, descriptions and examples of the built-in packs.
/// Clones share the value once it is decoded (a clone made before decodes its
/// own).
pub struct Packed<T> {
    /// The encoded value (empty when the value was built in memory).
    bytes: &'static [u8],
    value: OnceLock<Arc<T>>,
}

/// A list kept packed until it is used (see [`Packed`]).
pub type PackedList<T> = Packed<Vec<T>>;

impl<T: for<'a> Deserialize<'a>> Packed<T> {
    /// The value, decoded on first use.
    pub fn get(&self) -> &T {
        self.value.get_or_init(|| {
            // The blob was written by `build.rs` with these very types.
            Arc::new(
                postcard::from_bytes::<T>(self.bytes)
                    .expect("the precompiled packs hold a readable value"),
            )
        })
    }
}

impl<T> From<T> for Packed<T> {
    fn from(value: T) -> Self {
        Packed {
            bytes: &[],
            value: OnceLock::from(Arc::new(value)),
        }
    }
}

impl<T: Default> Default for Packed<T> {
    fn default() -> Self {
        T::default().into()
    }
}

impl<T> Clone for Packed<T> {
    fn clone(&self) -> Self {
        Packed {
            bytes: self.bytes,
            value: self.value.clone(),
        }
    }
}

impl<T: for<'a> Deserialize<'a>> std::ops::Deref for Packed<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.get()
    }
}

impl<'l, T: for<'a> Deserialize<'a>> IntoIterator for &'l Packed<Vec<T>> {
    type Item = &'l T;
    type IntoIter = std::slice::Iter<'l, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.get().iter()
    }
}

impl<T: for<'a> Deserialize<'a> + std::fmt::Debug> std::fmt::Debug for Packed<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl<T: for<'a> Deserialize<'a> + PartialEq> PartialEq for Packed<T> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// Stored as the postcard encoding of the value, as bytes.
impl<T: Serialize + for<'a> Deserialize<'a>> Serialize for Packed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let bytes = postcard::to_allocvec(self.get()).map_err(serde::ser::Error::custom)?;
        s.serialize_bytes(&bytes)
    }
}

/// Borrows the encoded value from the precompiled packs, which live as long as
/// the program: hence `'de: 'static`.
impl<'de: 'static, T> Deserialize<'de> for Packed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de: 'static> serde::de::Visitor<'de> for Bytes {
            type Value = &'static [u8];

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an encoded value borrowed from the precompiled packs")
            }

            fn visit_borrowed_bytes<E: serde::de::Error>(
                self,
                v: &'de [u8],
            ) -> Result<Self::Value, E> {
                Ok(v)
            }
        }
        let bytes = d.deserialize_bytes(Bytes)?;
        Ok(Packed {
            bytes,
            value: OnceLock::new(),
        })
    }
}

/// Detector parameters in the compact binary form of the precompiled packs,
/// which cannot hold a self-describing value: as a tree of [`Param`]s, which
/// decodes without a YAML parser.
mod yaml_value {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_yaml::Value;

    /// A YAML value in a form postcard can store.
    #[derive(Serialize, Deserialize)]
    enum Param {
        Null,
        Bool(bool),
        Unsigned(u64),
        Signed(i64),
        Float(f64),
        String(String),
        Sequence(Vec<Param>),
        Mapping(Vec<(Param, Param)>),
        /// A tagged value, as YAML text.
        Yaml(String),
    }

    fn to_param(value: &Value) -> Result<Param, serde_yaml::Error> {
        Ok(match value {
            Value::Null => Param::Null,
            Value::Bool(b) => Param::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), ..) => Param::Unsigned(u),
                (None, Some(i), _) => Param::Signed(i),
                (None, None, f) => Param::Float(f.unwrap_or(f64::NAN)),
            },
            Value::String(s) => Param::String(s.clone()),
            Value::Sequence(items) => {
                Param::Sequence(items.iter().map(to_param).collect::<Result<_, _>>()?)
            }
            Value::Mapping(map) => Param::Mapping(
                map.iter()
                    .map(|(k, v)| Ok((to_param(k)?, to_param(v)?)))
                    .collect::<Result<_, serde_yaml::Error>>()?,
            ),
            Value::Tagged(_) => Param::Yaml(serde_yaml::to_string(value)?),
        })
    }

    fn to_value(param: Param) -> Result<Value, serde_yaml::Error> {
        Ok(match param {
            Param::Null => Value::Null,
            Param::Bool(b) => Value::Bool(b),
            Param::Unsigned(u) => Value::Number(u.into()),
            Param::Signed(i) => Value::Number(i.into()),
            Param::Float(f) => Value::Number(f.into()),
            Param::String(s) => Value::String(s),
            Param::Sequence(items) => {
                Value::Sequence(items.into_iter().map(to_value).collect::<Result<_, _>>()?)
            }
            Param::Mapping(pairs) => Value::Mapping(
                pairs
                    .into_iter()
                    .map(|(k, v)| Ok((to_value(k)?, to_value(v)?)))
                    .collect::<Result<_, serde_yaml::Error>>()?,
            ),
            Param::Yaml(text) => serde_yaml::from_str(&text)?,
        })
    }

    pub fn serialize<S: Serializer>(value: &Value, s: S) -> Result<S::Ok, S::Error> {
        to_param(value)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Box<Value>, D::Error> {
        to_value(Param::deserialize(d)?)
            .map(Box::new)
            .map_err(serde::de::Error::custom)
    }
}
