//! Locating keys and `artefacts` entries in an annotation's YAML text, for errors.

/// Where keys and list entries are in an annotation's YAML text.
///
/// serde_yaml does not report positions of values it parsed, so errors found
/// afterwards are located by scanning the (block-style) YAML for the entry.
pub struct Locator<'a> {
    source: &'a str,
    /// Byte offsets of the lines starting each `artefacts` entry.
    entries: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// Indexes the `artefacts` entries of an annotation's text.
    pub fn new(source: &'a str) -> Self {
        let mut entries = Vec::new();
        let mut in_list = false;
        let mut indent = None;
        let mut offset = 0;
        for line in source.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let depth = line.len() - trimmed.len();
            let blank = trimmed.trim().is_empty() || trimmed.starts_with('#');
            if !blank && depth == 0 && !trimmed.starts_with('-') {
                in_list = trimmed.starts_with("artefacts:");
            } else if in_list && !blank && trimmed.starts_with('-') {
                let indent = *indent.get_or_insert(depth);
                if depth == indent {
                    entries.push(offset);
                }
            }
            offset += line.len();
        }
        Locator { source, entries }
    }

    /// Span of a top-level key's value (or the start of the file).
    pub fn key(&self, key: &str) -> (usize, usize) {
        self.find_key(0, self.source.len(), key).unwrap_or((0, 0))
    }

    /// Span of the first line of the `i`-th artefact entry.
    pub fn entry(&self, i: usize) -> (usize, usize) {
        match self.entries.get(i) {
            Some(&start) => {
                let end = self.source[start..]
                    .find('\n')
                    .map_or(self.source.len(), |e| start + e);
                let text = &self.source[start..end];
                let lead = text.len() - text.trim_start().len();
                (start + lead, text.trim().len())
            }
            None => self.key("artefacts"),
        }
    }

    /// Span of `key`'s value in the `i`-th artefact entry (or of the entry).
    pub fn entry_key(&self, i: usize, key: &str) -> (usize, usize) {
        let Some(&start) = self.entries.get(i) else {
            return self.key("artefacts");
        };
        let end = self
            .entries
            .get(i + 1)
            .copied()
            .unwrap_or(self.source.len());
        self.find_key(start, end, key)
            .unwrap_or_else(|| self.entry(i))
    }

    /// Span of the whole 1-based line.
    pub fn line_span(&self, line: usize) -> (usize, usize) {
        let mut offset = 0;
        for (n, text) in self.source.split_inclusive('\n').enumerate() {
            if n + 1 == line {
                let lead = text.len() - text.trim_start().len();
                return (offset + lead, text.trim().len());
            }
            offset += text.len();
        }
        (0, 0)
    }

    fn find_key(&self, from: usize, to: usize, key: &str) -> Option<(usize, usize)> {
        let mut offset = from;
        for line in self.source[from..to].split_inclusive('\n') {
            let trimmed = line.trim_start().trim_start_matches('-').trim_start();
            if let Some(rest) = trimmed.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
                let value = rest.split(" #").next().unwrap_or(rest).trim();
                let at = offset + line.len() - trimmed.len() + key.len() + 1;
                let at = at + (rest.len() - rest.trim_start().len());
                return Some(if value.is_empty() {
                    (offset + line.len() - trimmed.len(), key.len())
                } else {
                    (at, value.len())
                });
            }
            offset += line.len();
        }
        None
    }
}
