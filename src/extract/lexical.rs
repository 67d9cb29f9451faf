//! Countries, places, organizations, meeting series, agreements and topics known
//! to the lexicon, found by name or alias anywhere in the text; and places by
//! pattern ("Camp Humphreys", "Yokota Air Base").

use super::Findings;
use super::pattern::Pattern;
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::EntityKind;
use crate::resolve::keys;
use std::sync::LazyLock;

static PLACE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:(?:Camp|Fort)\s+[A-Z][a-z]+|[A-Z][a-z]+\s+(?:Air Base|Air Force Base|Naval Base|Naval Station|Army Base|Air Station))\b",
    )
    .needs(&["Camp", "Fort", "Base", "Station"])
});

/// Adds a mention for every lexicon match in the document.
pub fn run(doc: &Document, lex: &Lexicon, f: &mut Findings) {
    // (Speed) The entity of each entry met in this document: most names recur,
    // and an entry's entity, once made, stays the same (its key's) and has its
    // fields set.
    let mut entity_of = vec![usize::MAX; lex.entries.len()];
    let mut lex_entity = |f: &mut Findings, entry: usize| {
        if entity_of[entry] == usize::MAX {
            entity_of[entry] = f.lex_entity(lex, entry);
        }
        entity_of[entry]
    };
    for hit in lex.scan(&doc.text) {
        let e = lex_entity(f, hit.entry);
        f.mention(doc, e, hit.start, hit.end);
        // Names inside a longer name: the council in "UN Security Council sanctions".
        let kind = lex.entries[hit.entry].kind;
        if matches!(
            kind,
            EntityKind::Agreement | EntityKind::Topic | EntityKind::Meeting
        ) && lex.may_hold_organization(hit.entry)
        {
            let inner = &doc.text[hit.start..hit.end];
            for h in lex.scan_where(inner, |e| e.kind == EntityKind::Organization) {
                let e = lex_entity(f, h.entry);
                f.mention(doc, e, hit.start + h.start, hit.start + h.end);
            }
        }
    }
    // Every match names a camp, a fort, a base or a station (see `PLACE`): most
    // texts have no such word and are not searched.
    let places: Vec<_> = PLACE.find_iter(&doc.text).collect();
    for m in places {
        if f.mention_at(m.start(), None).is_some() {
            continue;
        }
        let key = keys::place(m.as_str());
        let e = f.entity(EntityKind::Place, &key, m.as_str());
        f.mention(doc, e, m.start(), m.end());
    }
}
