//! The lexicon: domain knowledge as data (`data/lexicon.toml`, embedded), plus the
//! user's own files in the same format. Compiled once into an Aho-Corasick matcher
//! over every name and alias.

use crate::error::{Error, Result};
use crate::ontology::EntityKind;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

use std::path::{Path, PathBuf};

/// The built-in lexicon file.
pub const BUILTIN: &str = include_str!("../data/lexicon.toml");
/// Given names of the 1990 U.S. Census (see the file's header for source and licence).
pub const GIVEN_NAMES: &str = include_str!("../data/given_names.txt");
/// Given names of other countries the census list lacks.
pub const GIVEN_NAMES_EXTRA: &str = include_str!("../data/given_names_extra.txt");
/// Census given names that are also common English words: not taken as given names.
pub const GIVEN_NAMES_STOP: &str = include_str!("../data/given_names_stop.txt");

/// The entries of a one-per-line list: blank lines and `#` comments skipped.
pub fn list_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A thing known by name.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Node kind.
    pub kind: EntityKind,
    /// Canonical name (the node label).
    pub name: String,
    /// Other surface forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The country an organization or office belongs to.
    #[serde(default)]
    pub country: Option<String>,
    /// The place an organization stands for ("at the Pentagon" → Washington).
    #[serde(default)]
    pub location: Option<String>,
    /// The countries a meeting series brings together.
    #[serde(default)]
    pub parties: Vec<String>,
    /// A recurring meeting.
    #[serde(default)]
    pub series: bool,
    /// The organization a meeting series belongs to.
    #[serde(default)]
    pub body: Option<String>,
    /// Year launched.
    #[serde(default)]
    pub year: Option<i32>,
    /// For a country: the word an office label starts with ("U.S.", "ROK", "Indian").
    #[serde(default)]
    pub adjective: Option<String>,
    /// For a country: its capital, a place entry, which also names its government
    /// ("Seoul and Washington agreed").
    #[serde(default)]
    pub capital: Option<String>,
}

/// A title and the country it belongs to when the text names none.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeEntry {
    /// Canonical title.
    pub title: String,
    /// Default country.
    #[serde(default)]
    pub country: Option<String>,
    /// Other ways to write the title.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The grammar of office titles: which words head a title, modify it, flag it,
/// name its domain or its portfolio (all lower case).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    /// Head words: secretary, minister, commander …
    #[serde(default)]
    pub heads: Vec<String>,
    /// Head words written another way: undersecretary → secretary.
    #[serde(default)]
    pub head_synonyms: HashMap<String, String>,
    /// Heads that, lower case and alone, are common nouns ("the president of the club").
    #[serde(default)]
    pub common_heads: Vec<String>,
    /// Rank modifiers: deputy, assistant, under …, in the order a label writes them.
    #[serde(default)]
    pub mods: Vec<String>,
    /// Flags: acting, former, new …
    #[serde(default)]
    pub flags: Vec<String>,
    /// Flags that mark a former holder.
    #[serde(default)]
    pub former_flags: Vec<String>,
    /// Words of a domain: defense, state, foreign, affairs …
    #[serde(default)]
    pub domain_words: Vec<String>,
    /// Domain words written another way: defence → defense.
    #[serde(default)]
    pub domain_synonyms: HashMap<String, String>,
    /// Whole domains written another way: "national defense" → "defense".
    #[serde(default)]
    pub domains: HashMap<String, String>,
    /// Capitalised words that may continue a portfolio ("for East Asia").
    #[serde(default)]
    pub portfolio_words: Vec<String>,
    /// Words that end a title.
    #[serde(default)]
    pub stop: Vec<String>,
    /// Heads written before "general": Secretary General, Consul General.
    #[serde(default)]
    pub general_after: Vec<String>,
    /// Rank modifiers that leave a lower-case common head a common noun ("a
    /// senior adviser"), unlike "deputy" or "chief".
    #[serde(default)]
    pub common_mods: Vec<String>,
    /// Words of the names of a government's departments ("department", "ministry"):
    /// a post held at one, with its country or a portfolio ("lead negotiator at the
    /// State Department"), is the country's post; a post at another body ("at the
    /// National Security Council") is named after that body.
    #[serde(default)]
    pub department_words: Vec<String>,
    /// Nouns of a term of office after a possessive name: "Jane Roe's presidency"
    /// means she holds (or held) the title.
    #[serde(default)]
    pub terms: HashMap<String, String>,
    /// The portfolio a title written without one has in a country, where that
    /// country's press writes the short form for one post: "country|mods|head|domain"
    /// (mods sorted, space-separated) → portfolio.
    #[serde(default)]
    pub implied_portfolios: HashMap<String, String>,
}

/// (Speed) A lexicon office's form in lower case, and its words normalised
/// (`extract::offices::form_words`).
pub type OfficeForm = (String, Vec<String>);

/// [`Titles`] as sets, made once.
#[derive(Clone, Debug, Default)]
pub struct TitleSets {
    /// Heads.
    pub heads: HashSet<String>,
    /// Common heads.
    pub common_heads: HashSet<String>,
    /// Mods.
    pub mods: HashSet<String>,
    /// Flags.
    pub flags: HashSet<String>,
    /// Former flags.
    pub former: HashSet<String>,
    /// Domain words.
    pub domain: HashSet<String>,
    /// Portfolio words.
    pub portfolio: HashSet<String>,
    /// Stop words.
    pub stop: HashSet<String>,
    /// Heads written before "general".
    pub general_after: HashSet<String>,
    /// (Speed) By byte: whether a head starts with it (256 entries; empty: not
    /// made, every word is looked up). Most words are ruled out without hashing.
    pub head_first: Vec<bool>,
}

impl TitleSets {
    /// Whether `w` is one of [`TitleSets::heads`].
    pub fn is_head(&self, w: &str) -> bool {
        let first = match w.as_bytes().first() {
            Some(&b) => self.head_first.get(usize::from(b)).copied().unwrap_or(true),
            None => true,
        };
        first && self.heads.contains(w)
    }
}

/// Cue words for finding names.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Korean surnames.
    #[serde(default)]
    pub korean_surnames: Vec<String>,
    /// Common given names.
    #[serde(default)]
    pub given_names: Vec<String>,
    /// Honorifics and ranks that precede a name.
    #[serde(default)]
    pub honorifics: Vec<String>,
    /// Capitalised words that are never a name.
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// The country of a person whose name starts with a Korean surname.
    #[serde(default)]
    pub korean_country: Option<String>,
    /// The country most of the news is about besides the partner: an untold
    /// country of a title whose head is one of `home_heads` ("President").
    #[serde(default)]
    pub home_country: Option<String>,
    /// See `home_country`.
    #[serde(default)]
    pub home_heads: Vec<String>,
    /// Short forms of given names → the full form.
    #[serde(default)]
    pub nicknames: HashMap<String, String>,
    /// Last words of the names of things ("Memorial", "University"): a phrase that
    /// ends in one is no person's name, besides the head nouns of organizations,
    /// meetings and agreements.
    #[serde(default)]
    pub thing_heads: Vec<String>,
    /// Name suffixes: Jr., III …
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Lower-case particles a surname may start with before an inner capital
    /// ("LaCamera", "DeSantis", "McDonald").
    #[serde(default)]
    pub surname_particles: Vec<String>,
}

/// The kind a name's head noun gives ("... Command" is an organization).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadNouns {
    /// Heads of meeting names.
    #[serde(default)]
    pub meeting: Vec<String>,
    /// Heads of organization names.
    #[serde(default)]
    pub organization: Vec<String>,
    /// Heads of agreement names.
    #[serde(default)]
    pub agreement: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    entity: Vec<Entry>,
    #[serde(default)]
    office: Vec<OfficeEntry>,
    #[serde(default)]
    names: Names,
    #[serde(default)]
    titles: Titles,
    #[serde(default)]
    head_nouns: HeadNouns,
}

/// A lexicon match in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Lexicon::entries`].
    pub entry: usize,
    /// Byte offsets of the match.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    /// Entities known by name.
    pub entries: Vec<Entry>,
    /// Office titles.
    pub offices: Vec<OfficeEntry>,
    /// Name cue words.
    pub names: Names,
    /// Title grammar.
    pub titles: Titles,
    /// Head nouns of names by kind.
    pub head_nouns: HeadNouns,
    /// The title grammar as sets.
    pub title_sets: TitleSets,
    suffixes: HashSet<String>,
    /// The honorifics of one word.
    honorific_one: HashSet<String>,
    /// The extraction rules (`data/rules.toml` and the user's files).
    pub rules: std::sync::Arc<crate::extract::rules::RuleSet>,
    /// The keys of every office's forms (title, then aliases), parsed once when
    /// first asked (`extract::offices::form_keys`).
    pub office_keys: std::sync::OnceLock<Vec<Vec<crate::ontology::OfficeKey>>>,
    /// (Speed) Every office's forms in lower case and as normalised words, made
    /// once when first asked (`extract::offices::form_words`).
    pub office_forms: std::sync::OnceLock<Vec<Vec<OfficeForm>>>,
    forms: Vec<(String, usize)>,
    matcher: AhoCorasick,
    korean: HashSet<String>,
    given: HashSet<String>,
    stop: HashSet<String>,
    /// Office aliases of one word, lower case ("chairman", "ambassador").
    office_words: HashSet<String>,
    /// The first bytes of [`Lexicon::office_words`]: asked of every word, most
    /// are answered without hashing it.
    office_first: [bool; 256],
    /// (kind, form in ASCII lower case) → the first entry with that form.
    by_form: HashMap<(EntityKind, String), usize>,
    by_name: HashMap<(EntityKind, String), usize>,
    /// The identity key of each entry ("kind:name"), made once.
    keys: Vec<String>,
    /// Each of [`Names::honorifics`] split into its words, made once.
    honorific_words: Vec<Vec<String>>,
    /// By entry: whether the form of an organization occurs (in any case) in one
    /// of its forms.
    holds_organization: Vec<bool>,
}

impl Lexicon {
    /// The built-in lexicon alone.
    pub fn builtin() -> Result<Lexicon> {
        Lexicon::from_sources(&[(PathBuf::from("<builtin>"), BUILTIN.to_string())])
    }

    /// The built-in lexicon extended by the user's files.
    pub fn with_files(paths: &[PathBuf]) -> Result<Lexicon> {
        let mut sources = vec![(PathBuf::from("<builtin>"), BUILTIN.to_string())];
        for p in paths {
            let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
            sources.push((p.clone(), text));
        }
        Lexicon::from_sources(&sources)
    }

    fn from_sources(sources: &[(PathBuf, String)]) -> Result<Lexicon> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut offices = Vec::new();
        let mut names = Names::default();
        let mut titles = Titles::default();
        let mut head_nouns = HeadNouns::default();
        let mut by_name: HashMap<(EntityKind, String), usize> = HashMap::default();
        for (path, text) in sources {
            let file: File = toml::from_str(text).map_err(|e| Error::Lexicon {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            for e in file.entity {
                if e.name.trim().is_empty() {
                    return Err(lex_err(path, "an [[entity]] has an empty name"));
                }
                match by_name.get(&(e.kind, e.name.clone())) {
                    Some(&i) => {
                        // A user entry for a known thing adds aliases and fields.
                        let old = &mut entries[i];
                        old.aliases.extend(e.aliases);
                        old.country = e.country.or(old.country.take());
                        old.location = e.location.or(old.location.take());
                        old.body = e.body.or(old.body.take());
                        old.year = e.year.or(old.year);
                        old.series |= e.series;
                        old.parties.extend(e.parties);
                        old.adjective = e.adjective.or(old.adjective.take());
                        old.capital = e.capital.or(old.capital.take());
                    }
                    None => {
                        by_name.insert((e.kind, e.name.clone()), entries.len());
                        entries.push(e);
                    }
                }
            }
            offices.extend(file.office);
            names.korean_surnames.extend(file.names.korean_surnames);
            names.given_names.extend(file.names.given_names);
            names.honorifics.extend(file.names.honorifics);
            names.stopwords.extend(file.names.stopwords);
            names.suffixes.extend(file.names.suffixes);
            names.nicknames.extend(file.names.nicknames);
            names.thing_heads.extend(file.names.thing_heads);
            names.korean_country = file.names.korean_country.or(names.korean_country.take());
            names.home_country = file.names.home_country.or(names.home_country.take());
            names.home_heads.extend(file.names.home_heads);
            names.surname_particles.extend(file.names.surname_particles);
            let t = file.titles;
            titles.heads.extend(t.heads);
            titles.head_synonyms.extend(t.head_synonyms);
            titles.common_heads.extend(t.common_heads);
            titles.mods.extend(t.mods);
            titles.flags.extend(t.flags);
            titles.former_flags.extend(t.former_flags);
            titles.domain_words.extend(t.domain_words);
            titles.domain_synonyms.extend(t.domain_synonyms);
            titles.domains.extend(t.domains);
            titles.portfolio_words.extend(t.portfolio_words);
            titles.stop.extend(t.stop);
            titles.general_after.extend(t.general_after);
            titles.department_words.extend(t.department_words);
            titles.common_mods.extend(t.common_mods);
            titles.terms.extend(t.terms);
            titles.implied_portfolios.extend(t.implied_portfolios);
            head_nouns.meeting.extend(file.head_nouns.meeting);
            head_nouns.organization.extend(file.head_nouns.organization);
            head_nouns.agreement.extend(file.head_nouns.agreement);
        }
        // The built-in lexicon brings its given-name lists.
        if sources
            .first()
            .is_some_and(|s| s.0 == Path::new("<builtin>"))
        {
            let stop: HashSet<&str> = list_lines(GIVEN_NAMES_STOP).collect();
            names.given_names.extend(
                list_lines(GIVEN_NAMES)
                    .chain(list_lines(GIVEN_NAMES_EXTRA))
                    .filter(|n| !stop.contains(n))
                    .map(str::to_string),
            );
        }
        // Every form, with the entry it names; one entry per (kind, form).
        let mut seen: HashMap<(EntityKind, String), usize> = HashMap::default();
        let mut forms = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for f in std::iter::once(&e.name).chain(&e.aliases) {
                let key = (e.kind, f.to_lowercase());
                if let Some(&j) = seen.get(&key) {
                    if j != i {
                        let path = sources.last().map(|s| s.0.clone()).unwrap_or_default();
                        return Err(lex_err(
                            &path,
                            &format!(
                                "the {} form `{f}` names both `{}` and `{}`",
                                e.kind, entries[j].name, e.name
                            ),
                        ));
                    }
                    continue;
                }
                seen.insert(key, i);
                forms.push((f.clone(), i));
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // Every document is scanned in full: the DFA, built once, scans fastest.
            .kind(Some(AhoCorasickKind::DFA))
            .build(forms.iter().map(|(f, _)| f.as_str()))
            .map_err(|e| lex_err(Path::new("<builtin>"), &e.to_string()))?;
        let set = |v: &[String]| v.iter().cloned().collect::<HashSet<_>>();
        let title_sets = TitleSets {
            heads: set(&titles.heads),
            common_heads: set(&titles.common_heads),
            mods: set(&titles.mods),
            flags: set(&titles.flags),
            former: set(&titles.former_flags),
            domain: set(&titles.domain_words),
            portfolio: set(&titles.portfolio_words),
            stop: set(&titles.stop),
            general_after: set(&titles.general_after),
            head_first: (0..=255u8)
                .map(|b| {
                    titles
                        .heads
                        .iter()
                        .any(|h| h.as_bytes().first() == Some(&b))
                })
                .collect(),
        };
        let office_words: HashSet<String> = offices
            .iter()
            .flat_map(|o| o.aliases.iter())
            .filter(|a| !a.contains(' '))
            .map(|a| a.to_lowercase())
            .collect();
        let mut office_first = [false; 256];
        for w in &office_words {
            if let Some(&b) = w.as_bytes().first() {
                office_first[usize::from(b)] = true;
            }
        }
        let mut by_form = HashMap::default();
        for (f, i) in &forms {
            by_form
                .entry((entries[*i].kind, f.to_ascii_lowercase()))
                .or_insert(*i);
        }
        let keys = entries
            .iter()
            .map(|e| format!("{}:{}", e.kind, e.name))
            .collect();
        let honorific_one = names
            .honorifics
            .iter()
            .filter(|h| !h.contains(' '))
            .cloned()
            .collect();
        let honorific_words = names
            .honorifics
            .iter()
            .map(|h| h.split(' ').map(str::to_string).collect())
            .collect();
        // A match of a form equals the form but for ASCII case: an organization's
        // form occurs in the match only if it occurs in the form.
        let mut holds_organization = vec![false; entries.len()];
        for (form, i) in &forms {
            holds_organization[*i] |= matcher
                .find_overlapping_iter(form.as_str())
                .any(|m| entries[forms[m.pattern().as_usize()].1].kind == EntityKind::Organization);
        }
        Ok(Lexicon {
            rules: crate::extract::rules::builtin()?,
            office_keys: std::sync::OnceLock::new(),
            office_forms: std::sync::OnceLock::new(),
            keys,
            honorific_words,
            holds_organization,
            office_words,
            office_first,
            by_form,
            title_sets,
            suffixes: set(&names.suffixes),
            honorific_one,
            korean: set(&names.korean_surnames),
            given: set(&names.given_names),
            stop: set(&names.stopwords),
            entries,
            offices,
            names,
            titles,
            head_nouns,
            forms,
            matcher,
            by_name,
        })
    }

    /// The identity key of entry `entry`: equal keys across documents are one node.
    pub fn key(&self, entry: usize) -> &str {
        &self.keys[entry]
    }

    /// The entry of `kind` named `name`, if any.
    pub fn find(&self, kind: EntityKind, name: &str) -> Option<usize> {
        self.by_name.get(&(kind, name.to_string())).copied()
    }

    /// The entry of `kind` that has `form` as name or alias (ignoring ASCII case).
    pub fn lookup(&self, kind: EntityKind, form: &str) -> Option<usize> {
        self.by_form
            .get(&(kind, form.to_ascii_lowercase()))
            .copied()
    }

    /// The honorifics, each as its words (split at spaces), in the lexicon's order.
    pub fn honorific_words(&self) -> &[Vec<String>] {
        &self.honorific_words
    }

    /// False when no match of entry `entry` can hold an organization's name (see
    /// [`Lexicon::scan_where`]): none of its forms holds the form of one.
    pub fn may_hold_organization(&self, entry: usize) -> bool {
        self.holds_organization[entry]
    }

    /// Whether `w` is a Korean surname.
    pub fn is_korean_surname(&self, w: &str) -> bool {
        self.korean.contains(w)
    }

    /// Whether `w` is an honorific of one word ("Senator", "Mr"): never part of a name.
    pub fn is_honorific_word(&self, w: &str) -> bool {
        self.honorific_one.contains(w)
    }

    /// The given name `w` stands for: its full form for a short one ("Joe" →
    /// "Joseph"), a known name for one with two letters swapped ("Llyod" →
    /// "Lloyd"), else `w`.
    pub fn given_form<'a>(&'a self, w: &'a str) -> &'a str {
        if let Some(full) = self.names.nicknames.get(w) {
            return full;
        }
        if w.len() < 4 || !w.is_ascii() || self.given.contains(w) {
            return w;
        }
        let b = w.as_bytes();
        let mut found: Option<&str> = None;
        for k in 1..b.len() - 1 {
            let mut s = b.to_vec();
            s.swap(k, k + 1);
            if let Ok(s) = std::str::from_utf8(&s)
                && let Some(g) = self.given.get(s)
            {
                if found.is_some_and(|f| f != g.as_str()) {
                    return w;
                }
                found = Some(g.as_str());
            }
        }
        found.unwrap_or(w)
    }

    /// Whether `w` ends the names of things, not people (see [`Names::thing_heads`]).
    pub fn is_thing_head(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        self.names.thing_heads.contains(&l) || self.kind_of_head(w).is_some()
    }

    /// Whether `w` is a name suffix (Jr., III).
    pub fn is_suffix(&self, w: &str) -> bool {
        self.suffixes.contains(w)
    }

    /// The kind a name's head noun gives, if any.
    pub fn kind_of_head(&self, head: &str) -> Option<EntityKind> {
        let h = head.to_lowercase();
        let has = |v: &[String]| v.contains(&h);
        if has(&self.head_nouns.meeting) {
            Some(EntityKind::Meeting)
        } else if has(&self.head_nouns.organization) {
            Some(EntityKind::Organization)
        } else if has(&self.head_nouns.agreement) {
            Some(EntityKind::Agreement)
        } else {
            None
        }
    }

    /// The word an office label starts with for `country` (its adjective, else its name).
    pub fn country_adjective<'a>(&'a self, country: &'a str) -> &'a str {
        self.find(EntityKind::Country, country)
            .and_then(|i| self.entries[i].adjective.as_deref())
            .unwrap_or(country)
    }

    /// The country whose capital is the place entry `place` ("Seoul" → South Korea),
    /// for a capital that stands for its government.
    pub fn country_of_capital(&self, place: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.kind == EntityKind::Country && e.capital.as_deref() == Some(place))
    }

    /// Whether `w` is a known given name.
    pub fn is_given_name(&self, w: &str) -> bool {
        self.given.contains(w)
    }

    /// Whether `w` (lower case) is a one-word office title of the lexicon.
    pub fn is_office_word(&self, w: &str) -> bool {
        w.as_bytes()
            .first()
            .is_some_and(|&b| self.office_first[usize::from(b)])
            && self.office_words.contains(w)
    }

    /// Whether `w` is a capitalised word that is never a name.
    pub fn is_stopword(&self, w: &str) -> bool {
        self.stop.contains(w)
    }

    /// All lexicon matches in `text`: whole words only, upper-case letters of a form
    /// must be upper case in the text, and where matches overlap the longest leftmost wins.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.scan_where(text, |_| true)
    }

    /// Like [`Lexicon::scan`], over the entries `keep` accepts only.
    pub fn scan_where(&self, text: &str, keep: impl Fn(&Entry) -> bool) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut cands: Vec<Hit> = self
            .matcher
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let (s, e) = (m.start(), m.end());
                let before = s == 0 || !is_word_byte(bytes[s - 1]);
                // "U.S." ends in a dot: the next byte may be a letter of "U.S.-led" only after '-'.
                let after = e == bytes.len() || !is_word_byte(bytes[e]);
                // (Speed) Most matches are inside words: the case is not compared.
                if !(before && after) {
                    return None;
                }
                let form = &self.forms[m.pattern().as_usize()];
                let ok_case = form
                    .0
                    .bytes()
                    .zip(&bytes[s..e])
                    .all(|(f, t)| !f.is_ascii_uppercase() || *t == f);
                (ok_case && keep(&self.entries[form.1])).then_some(Hit {
                    entry: form.1,
                    start: s,
                    end: e,
                })
            })
            .collect();
        cands.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.entry));
        let mut out: Vec<Hit> = Vec::new();
        for h in cands {
            if out.last().is_some_and(|l| h.start < l.end) {
                continue;
            }
            out.push(h);
        }
        out
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn lex_err(path: &Path, reason: &str) -> Error {
    Error::Lexicon {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_invariants() {
        let lex = Lexicon::builtin().unwrap();
        // Countries named in fields exist.
        for e in &lex.entries {
            for c in e.country.iter().chain(&e.parties) {
                assert!(
                    lex.find(EntityKind::Country, c).is_some(),
                    "{}: unknown country {c}",
                    e.name
                );
            }
            if let Some(c) = &e.capital {
                assert!(
                    lex.find(EntityKind::Place, c).is_some(),
                    "{}: unknown capital {c}",
                    e.name
                );
            }
            if let Some(l) = &e.location {
                assert!(
                    lex.find(EntityKind::Place, l).is_some(),
                    "unknown place {l}"
                );
            }
            if let Some(b) = &e.body {
                assert!(
                    lex.find(EntityKind::Organization, b).is_some(),
                    "unknown body {b}"
                );
            }
            assert!(!e.series || e.kind == EntityKind::Meeting, "{}", e.name);
            assert!(
                !e.aliases.contains(&e.name),
                "{} lists its name as an alias",
                e.name
            );
        }
        for o in &lex.offices {
            if let Some(c) = &o.country {
                assert!(
                    lex.find(EntityKind::Country, c).is_some(),
                    "unknown country {c}"
                );
            }
        }
        let mut s = lex.names.korean_surnames.clone();
        s.sort();
        assert_eq!(s, lex.names.korean_surnames, "korean_surnames are sorted");
        let mut g = lex.names.given_names.clone();
        g.sort();
        g.dedup();
        assert_eq!(
            g.len(),
            lex.names.given_names.len(),
            "given_names are unique"
        );
    }

    #[test]
    fn only_entries_said_to_hold_an_organization_do() {
        let lex = Lexicon::builtin().unwrap();
        let mut some = false;
        for (form, i) in &lex.forms {
            for text in [
                form.clone(),
                form.to_ascii_uppercase(),
                form.to_ascii_lowercase(),
            ] {
                let inner = lex.scan_where(&text, |e| e.kind == EntityKind::Organization);
                // The form itself when it names an organization; else another's.
                let other = inner.iter().any(|h| h.entry != *i);
                assert!(inner.is_empty() || lex.may_hold_organization(*i), "{text}");
                some |= other;
            }
        }
        assert!(
            some,
            "no organization inside another name: the test tests nothing"
        );
    }

    #[test]
    fn duplicate_alias_is_an_error() {
        let bad = "[[entity]]\nkind=\"place\"\nname=\"A\"\naliases=[\"X\"]\n[[entity]]\nkind=\"place\"\nname=\"B\"\naliases=[\"x\"]\n";
        let err = Lexicon::from_sources(&[(PathBuf::from("u.toml"), bad.into())]).unwrap_err();
        assert!(err.to_string().contains("names both"), "{err}");
        let unknown = "[[entity]]\nkind=\"planet\"\nname=\"Mars\"\n";
        let err = Lexicon::from_sources(&[(PathBuf::from("u.toml"), unknown.into())]).unwrap_err();
        assert!(err.to_string().contains("u.toml"), "{err}");
    }

    #[test]
    fn scan_respects_words_and_case() {
        let lex = Lexicon::builtin().unwrap();
        let t = "The US and the ROK met; us officials said North Korea and USFK.";
        let names: Vec<_> = lex
            .scan(t)
            .iter()
            .map(|h| lex.entries[h.entry].name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "United States",
                "South Korea",
                "North Korea",
                "U.S. Forces Korea"
            ]
        );
        // "Korean Peninsula" is a place, not the country "Korean".
        let t = "peace on the Korean Peninsula";
        let hits = lex.scan(t);
        assert_eq!(hits.len(), 1);
        assert_eq!(lex.entries[hits[0].entry].kind, EntityKind::Place);
    }
}
