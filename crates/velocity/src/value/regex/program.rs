//! A `Node` tree compiled to instructions for the backtracking matcher
//! (exec.rs). Counted repetitions are unrolled, so the program's size is
//! what `Limits::max_regex_bytes` bounds.

use super::ast::{fold, Assertion, Case, Class, Dot, Greed, Node};

/// Bytes one instruction counts for against the size limit.
const INST_BYTES: usize = 16;

/// One character matched by a single test.
#[derive(Debug, Clone, Copy)]
pub enum One {
    Char(char),
    /// A character equal to this one under the case rule (already folded).
    Fold(char, Case),
    Class(usize),
    Dot(Dot),
}

#[derive(Debug, Clone, Copy)]
pub enum Inst {
    One(One),
    /// `one` repeated `min..=max` times with no choice points per
    /// character (a single-character atom: `.*`, `\s+`, `[^,]*?`).
    Repeat {
        one: One,
        min: u32,
        max: u32,
        kind: Greed,
    },
    Assert(Assertion),
    /// Record the position in a slot (group bounds, loop marks).
    Save(usize),
    /// Continue at the first, coming back to the second on failure.
    Split(usize, usize),
    Jmp(usize),
    /// End of a loop body that can match empty: loop again (to `again`)
    /// only if the iteration consumed something since `slot` was saved,
    /// as Java's loops do; otherwise leave the loop.
    LoopIfProgress {
        slot: usize,
        again: usize,
    },
    BackRef(usize, Case),
    /// A sub-program from the next instruction up to its `Match`; `next`
    /// is where matching continues. Lookbehind tries `min..=max`
    /// characters before the position.
    Look {
        ahead: bool,
        negate: bool,
        next: usize,
        min: u32,
        max: u32,
    },
    Atomic {
        next: usize,
    },
    Match,
}

#[derive(Debug)]
pub struct Program {
    pub insts: Vec<Inst>,
    pub classes: Vec<Class>,
    /// Capture slots (two per group, group 0 included) then loop marks.
    pub slots: usize,
    /// Only a match at the start of the input is possible (`\A`, `^`).
    pub anchored: bool,
    /// Every match begins with a character this test accepts: the search
    /// skips ahead to one before running the program.
    pub first: Option<One>,
}

pub fn compile(
    node: &Node,
    groups: usize,
    size_limit: usize,
    pattern: &str,
) -> Result<Program, String> {
    let estimate = size(node).saturating_mul(INST_BYTES);
    if estimate > size_limit {
        return Err(format!(
            "the regular expression {pattern:?} is too big (compiled size limit of {size_limit} bytes)"
        ));
    }
    let mut c = Compiler {
        insts: Vec::new(),
        classes: Vec::new(),
        slots: (groups + 1) * 2,
    };
    c.push(Inst::Save(0));
    c.node(node, pattern)?;
    c.push(Inst::Save(1));
    c.push(Inst::Match);
    Ok(Program {
        first: first_test(&c.insts),
        insts: c.insts,
        classes: c.classes,
        slots: c.slots,
        anchored: starts_anchored(node),
    })
}

/// Instructions a node compiles to, counting unrolled repetitions
/// (saturating: only compared with the limit).
fn size(node: &Node) -> usize {
    match node {
        Node::Empty => 0,
        Node::Char(..) | Node::Dot(_) | Node::Assert(_) | Node::BackRef(..) => 1,
        Node::Class(c) => 1 + set_size(&c.set),
        Node::Concat(v) => v.iter().map(size).fold(0, usize::saturating_add),
        Node::Alt(v) => v
            .iter()
            .map(|n| size(n).saturating_add(2))
            .fold(0, usize::saturating_add),
        Node::Group(_, n) => size(n).saturating_add(2),
        Node::Look { node, .. } | Node::Atomic(node) => size(node).saturating_add(2),
        Node::Repeat { node, min, max, .. } => {
            // Counted as unrolled even when matched by one instruction
            // (`a{1000}`), so the limit means what it meant with the
            // `regex` crate, which unrolls every counted repetition.
            let copies = max.unwrap_or(*min).max(*min).max(1) as usize;
            size(node).saturating_add(3).saturating_mul(copies)
        }
    }
}

fn set_size(set: &super::ast::Set) -> usize {
    use super::ast::Set;
    match set {
        Set::Ranges(r) => r.len() / 2,
        Set::Prop(_) => 1,
        Set::Union(v) | Set::Intersect(v) => v.iter().map(set_size).sum::<usize>() + 1,
        Set::Not(s) => set_size(s) + 1,
    }
}

/// The atom when a node matches exactly one character with one test.
fn single(node: &Node) -> Option<&Node> {
    match node {
        Node::Char(..) | Node::Class(_) | Node::Dot(_) => Some(node),
        _ => None,
    }
}

fn starts_anchored(node: &Node) -> bool {
    match node {
        Node::Assert(Assertion::InputStart) => true,
        Node::Concat(v) => v.first().is_some_and(starts_anchored),
        Node::Group(_, n) | Node::Atomic(n) => starts_anchored(n),
        Node::Alt(v) => !v.is_empty() && v.iter().all(starts_anchored),
        _ => false,
    }
}

/// The test the program's first character must pass, when the program
/// starts (past group starts) by consuming one.
fn first_test(insts: &[Inst]) -> Option<One> {
    insts.iter().find_map(|i| match *i {
        Inst::Save(_) => None,
        Inst::One(one) => Some(Some(one)),
        Inst::Repeat { one, min, .. } if min > 0 => Some(Some(one)),
        _ => Some(None),
    })?
}

/// Can the node match without consuming anything?
fn can_be_empty(node: &Node) -> bool {
    match node {
        Node::Empty | Node::Assert(_) | Node::Look { .. } | Node::BackRef(..) => true,
        Node::Char(..) | Node::Class(_) | Node::Dot(_) => false,
        Node::Concat(v) => v.iter().all(can_be_empty),
        Node::Alt(v) => v.iter().any(can_be_empty),
        Node::Group(_, n) | Node::Atomic(n) => can_be_empty(n),
        Node::Repeat { node, min, .. } => *min == 0 || can_be_empty(node),
    }
}

/// Minimum and maximum length in characters (None: unbounded), for
/// lookbehind.
fn length(node: &Node) -> (u32, Option<u32>) {
    match node {
        Node::Empty | Node::Assert(_) | Node::Look { .. } => (0, Some(0)),
        Node::Char(..) | Node::Class(_) | Node::Dot(_) => (1, Some(1)),
        Node::BackRef(..) => (0, None),
        Node::Concat(v) => v.iter().map(length).fold((0, Some(0)), |(a, b), (c, d)| {
            (
                a.saturating_add(c),
                b.zip(d).and_then(|(b, d)| b.checked_add(d)),
            )
        }),
        Node::Alt(v) => {
            let lens: Vec<_> = v.iter().map(length).collect();
            let min = lens.iter().map(|l| l.0).min().unwrap_or(0);
            let max = lens.iter().try_fold(0u32, |m, l| l.1.map(|x| m.max(x)));
            (min, max)
        }
        Node::Group(_, n) | Node::Atomic(n) => length(n),
        Node::Repeat { node, min, max, .. } => {
            let (a, b) = length(node);
            (
                a.saturating_mul(*min),
                match (b, max) {
                    (Some(0), _) => Some(0),
                    (Some(b), Some(m)) => b.checked_mul(*m),
                    _ => None,
                },
            )
        }
    }
}

struct Compiler {
    insts: Vec<Inst>,
    classes: Vec<Class>,
    slots: usize,
}

impl Compiler {
    fn push(&mut self, i: Inst) -> usize {
        self.insts.push(i);
        self.insts.len() - 1
    }

    fn pc(&self) -> usize {
        self.insts.len()
    }

    fn one(&mut self, node: &Node) -> One {
        match node {
            Node::Char(c, case) => {
                let f = fold(*c, *case);
                if *case == Case::Sensitive || (f == *c && is_caseless(*c, *case)) {
                    One::Char(*c)
                } else {
                    One::Fold(f, *case)
                }
            }
            Node::Class(class) => {
                self.classes.push((**class).clone());
                One::Class(self.classes.len() - 1)
            }
            Node::Dot(d) => One::Dot(*d),
            _ => One::Dot(Dot::Nothing),
        }
    }

    fn node(&mut self, node: &Node, pattern: &str) -> Result<(), String> {
        match node {
            Node::Empty => {}
            Node::Char(..) | Node::Class(_) | Node::Dot(_) => {
                let one = self.one(node);
                self.push(Inst::One(one));
            }
            Node::Assert(a) => {
                self.push(Inst::Assert(*a));
            }
            Node::BackRef(n, case) => {
                self.push(Inst::BackRef(*n, *case));
            }
            Node::Concat(v) => {
                for n in v {
                    self.node(n, pattern)?;
                }
            }
            Node::Alt(v) => {
                // Split(a1, next) a1 Jmp(end) Split(a2, next) a2 Jmp(end) ... an
                let mut jumps = Vec::new();
                for (i, alt) in v.iter().enumerate() {
                    if i + 1 < v.len() {
                        let split = self.push(Inst::Split(0, 0));
                        self.node(alt, pattern)?;
                        jumps.push(self.push(Inst::Jmp(0)));
                        let next = self.pc();
                        self.insts[split] = Inst::Split(split + 1, next);
                    } else {
                        self.node(alt, pattern)?;
                    }
                }
                let end = self.pc();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Node::Group(n, body) => {
                self.push(Inst::Save(n * 2));
                self.node(body, pattern)?;
                self.push(Inst::Save(n * 2 + 1));
            }
            Node::Atomic(body) => {
                let at = self.push(Inst::Atomic { next: 0 });
                self.node(body, pattern)?;
                self.push(Inst::Match);
                let next = self.pc();
                self.insts[at] = Inst::Atomic { next };
            }
            Node::Look {
                ahead,
                negate,
                node,
            } => {
                let (min, max) = if *ahead {
                    (0, 0)
                } else {
                    match length(node) {
                        (min, Some(max)) => (min, max),
                        (_, None) => {
                            return Err(format!(
                                "Look-behind group does not have an obvious maximum length in the pattern {pattern:?}"
                            ))
                        }
                    }
                };
                let at = self.push(Inst::Atomic { next: 0 });
                self.node(node, pattern)?;
                self.push(Inst::Match);
                let next = self.pc();
                self.insts[at] = Inst::Look {
                    ahead: *ahead,
                    negate: *negate,
                    next,
                    min,
                    max,
                };
            }
            Node::Repeat {
                node: body,
                min,
                max,
                kind,
            } => self.repeat(body, *min, *max, *kind, pattern)?,
        }
        Ok(())
    }

    fn repeat(
        &mut self,
        body: &Node,
        min: u32,
        max: Option<u32>,
        kind: Greed,
        pattern: &str,
    ) -> Result<(), String> {
        if single(body).is_some() {
            let one = self.one(body);
            self.push(Inst::Repeat {
                one,
                min,
                max: max.unwrap_or(u32::MAX),
                kind,
            });
            return Ok(());
        }
        if kind == Greed::Possessive {
            // X*+ is (?>X*)
            let at = self.push(Inst::Atomic { next: 0 });
            self.repeat(body, min, max, Greed::Greedy, pattern)?;
            self.push(Inst::Match);
            let next = self.pc();
            self.insts[at] = Inst::Atomic { next };
            return Ok(());
        }
        let lazy = kind == Greed::Lazy;
        for _ in 0..min {
            self.node(body, pattern)?;
        }
        match max {
            None => {
                // L: Split(B, exit)  B: [Save mark] body  Jmp L / LoopIfProgress
                let empty = can_be_empty(body);
                let mark = if empty {
                    self.slots += 1;
                    Some(self.slots - 1)
                } else {
                    None
                };
                let l = self.push(Inst::Split(0, 0));
                if let Some(slot) = mark {
                    self.push(Inst::Save(slot));
                }
                self.node(body, pattern)?;
                match mark {
                    Some(slot) => self.push(Inst::LoopIfProgress { slot, again: l }),
                    None => self.push(Inst::Jmp(l)),
                };
                let exit = self.pc();
                self.insts[l] = if lazy {
                    Inst::Split(exit, l + 1)
                } else {
                    Inst::Split(l + 1, exit)
                };
            }
            Some(max) => {
                // (?:X(?:X(?:X)?)?)? for the optional copies.
                let mut splits = Vec::new();
                for _ in min..max {
                    splits.push(self.push(Inst::Split(0, 0)));
                    self.node(body, pattern)?;
                }
                let exit = self.pc();
                for s in splits {
                    self.insts[s] = if lazy {
                        Inst::Split(exit, s + 1)
                    } else {
                        Inst::Split(s + 1, exit)
                    };
                }
            }
        }
        Ok(())
    }
}

/// A character that no other character equals under `case`.
fn is_caseless(c: char, case: Case) -> bool {
    match case {
        Case::Sensitive => true,
        Case::Ascii => !c.is_ascii_alphabetic(),
        Case::Unicode => super::ast::simple_upper(c) == c && super::ast::simple_lower(c) == c,
    }
}
