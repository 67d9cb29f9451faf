//! A deterministic layout for drawing libraries that need positions (Sigma.js):
//! nodes start in one sector per kind, then a fixed number of Fruchterman–Reingold
//! steps pull related nodes together. No randomness, a fixed visiting order (node
//! id), and coordinates rounded to hundredths, so the same graph gives the same bytes.

use crate::graph::Graph;
use crate::ontology::EntityKind;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::f64::consts::TAU;

/// Where a node is drawn, and how big.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Position {
    /// Horizontal.
    pub x: f64,
    /// Vertical.
    pub y: f64,
    /// Radius to draw, growing with degree.
    pub size: f64,
}

/// Force steps run.
const STEPS: usize = 150;
/// Pull towards the centre, per unit of distance.
const GRAVITY: f64 = 0.05;
/// Graphs larger than this skip the force steps (they are quadratic per step).
const MAX_FORCE_NODES: usize = 3000;

/// Positions of every node of `g`.
pub fn layout(g: &Graph) -> HashMap<NodeIndex, Position> {
    let order = g.nodes_sorted();
    let n = order.len();
    let mut out = HashMap::with_capacity(n);
    if n == 0 {
        return out;
    }
    let slot: HashMap<NodeIndex, usize> =
        order.iter().enumerate().map(|(i, ix)| (*ix, i)).collect();
    // Start: one sector of a ring per kind, nodes on a sunflower spiral inside it.
    let area = 100.0 * (n as f64).sqrt();
    let mut pos = vec![(0.0f64, 0.0f64); n];
    let mut seen_of_kind: HashMap<EntityKind, usize> = HashMap::new();
    for (i, ix) in order.iter().enumerate() {
        let kind = g.node(*ix).kind;
        let k = EntityKind::ALL.iter().position(|x| *x == kind).unwrap_or(0) as f64;
        let j = seen_of_kind.entry(kind).or_insert(0);
        let angle = TAU * k / EntityKind::ALL.len() as f64;
        let (cx, cy) = (area * 0.5 * angle.cos(), area * 0.5 * angle.sin());
        let r = 12.0 * (*j as f64).sqrt();
        let a = *j as f64 * 2.399_963_229_728_653; // the golden angle
        pos[i] = (cx + r * a.cos(), cy + r * a.sin());
        *j += 1;
    }
    let mut links: Vec<(usize, usize)> = g
        .edges_sorted()
        .into_iter()
        .filter_map(|e| g.inner.edge_endpoints(e))
        .map(|(s, t)| (slot[&s], slot[&t]))
        .filter(|(s, t)| s != t)
        .collect();
    links.dedup();
    if n <= MAX_FORCE_NODES {
        let k = area / (n as f64).sqrt(); // ideal distance
        let reach2 = (3.0 * k) * (3.0 * k);
        let mut temp = area / 10.0;
        let cool = temp / (STEPS as f64 + 1.0);
        for _ in 0..STEPS {
            let mut disp = vec![(0.0f64, 0.0f64); n];
            for a in 0..n {
                for b in (a + 1)..n {
                    let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
                    let d2 = (dx * dx + dy * dy).max(0.01);
                    if d2 > reach2 {
                        continue; // Fruchterman–Reingold's grid variant: local repulsion
                    }
                    let f = k * k / d2;
                    disp[a].0 += dx * f;
                    disp[a].1 += dy * f;
                    disp[b].0 -= dx * f;
                    disp[b].1 -= dy * f;
                }
            }
            for &(a, b) in &links {
                let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.1);
                let f = d / k;
                disp[a].0 -= dx * f;
                disp[a].1 -= dy * f;
                disp[b].0 += dx * f;
                disp[b].1 += dy * f;
            }
            for i in 0..n {
                // A weak pull to the centre keeps unconnected parts in view.
                disp[i].0 -= pos[i].0 * GRAVITY;
                disp[i].1 -= pos[i].1 * GRAVITY;
                let len = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt();
                if len > 0.0 {
                    let step = len.min(temp);
                    pos[i].0 += disp[i].0 / len * step;
                    pos[i].1 += disp[i].1 / len * step;
                }
            }
            temp -= cool;
        }
    }
    for (i, ix) in order.iter().enumerate() {
        let degree = g
            .inner
            .edges_directed(*ix, petgraph::Direction::Outgoing)
            .count()
            + g.inner
                .edges_directed(*ix, petgraph::Direction::Incoming)
                .filter(|e| e.source() != *ix)
                .count();
        out.insert(
            *ix,
            Position {
                x: round(pos[i].0),
                y: round(pos[i].1),
                size: round(4.0 + 2.0 * (degree as f64).sqrt()),
            },
        );
    }
    out
}

fn round(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r } // no -0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;
    use crate::ontology::Qualifiers;
    use crate::ontology::Relation;

    #[test]
    fn positions_are_finite_distinct_and_repeatable() {
        let mut g = Graph::new();
        let mut ixs = Vec::new();
        for i in 0..20 {
            let kind = EntityKind::ALL[i % 8];
            ixs.push(g.add_node(Node::new(format!("{kind}:n{i}"), kind, "x")));
        }
        for w in ixs.windows(2) {
            g.add_edge(w[0], w[1], Relation::PartOf, Qualifiers::default(), []);
        }
        let a = layout(&g);
        let b = layout(&g);
        assert_eq!(a, b);
        assert_eq!(a.len(), 20);
        let mut seen = std::collections::HashSet::new();
        for p in a.values() {
            assert!(p.x.is_finite() && p.y.is_finite() && p.size > 0.0);
            assert!(
                seen.insert((p.x.to_bits(), p.y.to_bits())),
                "two nodes at one place"
            );
        }
        assert!(layout(&Graph::new()).is_empty());
    }
}
