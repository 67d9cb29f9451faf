//! `timeline --format html`: the rounds of a series as one self-contained page
//! (no script, nothing fetched), in the look of the graph view (`assets/view.html`):
//! a table in date order, planned rounds marked, each round's evidence folded
//! under it.

use super::NodeRef;
use super::timeline::{TimelineAnswer, readable};
use crate::export::{escape_markup as esc, kind_colors};
use std::io::{self, Write};

const STYLE: &str = r#"
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR", sans-serif; color: #1d2430; }
  header { padding: 8px 12px; border-bottom: 1px solid #d5dbe3; background: #f6f8fa; }
  header h1 { font-size: 16px; margin: 0; }
  header p { margin: 2px 0 0; color: #52607a; }
  main { padding: 10px 14px; }
  table { border-collapse: collapse; width: 100%; }
  th { text-align: left; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #52607a; border-bottom: 1px solid #d5dbe3; padding: 4px 8px; }
  td { vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #eef1f5; }
  tr.planned td { background: #fffbea; }
  .badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: #f5d67a; color: #5c4300; margin-left: 6px; }
  .sw { display: inline-block; width: 11px; height: 11px; border-radius: 3px; margin: 0 3px 0 2px; vertical-align: -1px; border: 1px solid #0003; }
  .none { color: #6a7689; }
  .ev { margin: 2px 0 6px; padding: 3px 8px; border-left: 3px solid #c9d3e0; color: #333; }
  .ev .doc { color: #6a7689; font-size: 12px; }
  .id { color: #6a7689; font-size: 12px; }
  details summary { cursor: pointer; color: #1f5fbf; }
"#;

/// Node labels with their kind's colour swatch, or a dash.
fn names(v: &[NodeRef]) -> String {
    if v.is_empty() {
        return r#"<span class="none">–</span>"#.into();
    }
    v.iter()
        .map(|n| {
            let (line, fill) = kind_colors(n.kind);
            format!(
                r#"<span class="sw" style="background:{fill};border-color:{line}"></span>{} <span class="id">{}</span>"#,
                esc(&n.label),
                esc(n.kind.as_str())
            )
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

impl TimelineAnswer {
    /// Writes the page.
    pub fn write_html(&self, out: &mut dyn Write) -> io::Result<()> {
        let title = format!("{}: timeline", self.series.label);
        writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>")?;
        writeln!(out, "<meta charset=\"utf-8\">")?;
        writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        )?;
        writeln!(out, "<meta name=\"generator\" content=\"newsgraph\">")?;
        writeln!(
            out,
            "<title>{}</title>\n<style>{STYLE}</style>",
            esc(&title)
        )?;
        writeln!(out, "</head>\n<body>\n<header>")?;
        writeln!(out, "<h1>{}</h1>", esc(&title))?;
        let mut sub = format!(
            "{} round{} of {} [{}]",
            self.rounds.len(),
            if self.rounds.len() == 1 { "" } else { "s" },
            self.series.label,
            self.series.id
        );
        if let Some(d) = &self.as_of {
            sub.push_str(&format!(", as reported by {d}"));
        }
        if self.lookup.is_ambiguous() {
            // The next best few, and how many more.
            let others = &self.lookup.candidates[1..];
            let mut also: Vec<String> = (others.iter().take(4))
                .map(|c| format!("{} [{}]", c.label, c.id))
                .collect();
            if others.len() > also.len() {
                also.push(format!("{} more", others.len() - also.len()));
            }
            sub.push_str(&format!(
                "; \"{}\" also matches {}",
                self.lookup.query,
                also.join(", ")
            ));
        }
        writeln!(out, "<p>{}</p>\n</header>\n<main>", esc(&sub))?;
        writeln!(
            out,
            "<table>\n<thead><tr><th>#</th><th>Date</th><th>Round</th><th>Held in</th><th>Led by</th><th>Documents</th></tr></thead>\n<tbody>"
        )?;
        for r in &self.rounds {
            let ord = r.ordinal.map(|o| o.to_string()).unwrap_or("–".into());
            let date = r
                .date
                .as_deref()
                .map(|d| esc(&readable(d)))
                .unwrap_or(r#"<span class="none">no date</span>"#.into());
            let badge = if r.planned {
                r#"<span class="badge">planned</span>"#
            } else {
                ""
            };
            let mut evidence = String::new();
            if !r.evidence.is_empty() {
                evidence.push_str(&format!(
                    "<details><summary>{} sentence{}</summary>",
                    r.evidence.len(),
                    if r.evidence.len() == 1 { "" } else { "s" }
                ));
                for ev in &r.evidence {
                    evidence.push_str(&format!(
                        r#"<div class="ev">{}<div class="doc">{} · {}</div></div>"#,
                        esc(&super::text::one_line(&ev.sentence)),
                        esc(&ev.doc),
                        esc(&ev.rules.join(", "))
                    ));
                }
                evidence.push_str("</details>");
            }
            writeln!(
                out,
                "<tr{}><td>{ord}</td><td>{date}{badge}</td><td>{} <span class=\"id\">{}</span>{evidence}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                if r.planned { " class=\"planned\"" } else { "" },
                esc(&r.label),
                esc(&r.id),
                names(&r.places),
                names(&r.heads),
                r.docs
                    .iter()
                    .map(|d| esc(d))
                    .collect::<Vec<_>>()
                    .join("<br>")
            )?;
        }
        writeln!(out, "</tbody>\n</table>\n</main>\n</body>\n</html>")
    }
}
