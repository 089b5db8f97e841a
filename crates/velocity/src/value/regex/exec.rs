//! The backtracking matcher. Like Java's engine it tries alternatives in
//! order and backtracks; unlike Java's it keeps its choice points on a heap
//! stack (no recursion per character, so no stack overflow) and counts its
//! steps: a search that exceeds its step budget stops with an error naming
//! the limit instead of running for hours (catastrophic backtracking such as
//! `(a+)+b`).

use super::ast::{fold, is_boundary_word_char, Assertion, Dot, Greed};
use super::program::{Inst, One, Program};

/// Steps (instructions executed, choice points resumed) one call of
/// `matches`/`replaceAll`/`replaceFirst`/`split`, or one selection pattern,
/// may take: a fixed allowance plus some per input character.
pub const STEP_LIMIT: u64 = 10_000_000;
pub const STEPS_PER_INPUT_BYTE: u64 = 100;
/// Saved choice points at once: Java would overflow its thread stack far
/// earlier (it recurses per repetition of a group).
pub const STACK_LIMIT: usize = 1_000_000;

const NONE: usize = usize::MAX;

thread_local! {
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Steps all searches on this thread have taken so far. Each search is
/// bounded on its own; the renderer also charges what the searches a method
/// call ran took to the template's step budget, so that a loop of calls
/// each just under the per-search bound still ends.
pub fn work() -> u64 {
    WORK.with(std::cell::Cell::get)
}

/// Why a search stopped without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Steps(u64),
    Stack,
}

#[derive(Clone, Copy)]
enum Frame {
    /// Resume at pc, pos.
    Alt { pc: u32, pos: u32 },
    /// Put a slot back.
    Restore { slot: u32, old: usize },
    /// A greedy single-character repetition that may give back characters
    /// down to `min_pos`.
    GiveBack { pc: u32, pos: u32, min_pos: u32 },
    /// A lazy one that may take one more (`left`: how many more it may).
    TakeMore { pc: u32, pos: u32, left: u32 },
}

pub struct Searcher<'a> {
    prog: &'a Program,
    text: &'a str,
    pub slots: Vec<usize>,
    stack: Vec<Frame>,
    steps: u64,
    budget: u64,
    /// Where the previous match ended (`\G`).
    previous_end: usize,
}

impl Drop for Searcher<'_> {
    fn drop(&mut self) {
        let steps = self.steps;
        WORK.with(|w| w.set(w.get().saturating_add(steps)));
    }
}

impl<'a> Searcher<'a> {
    pub fn new(prog: &'a Program, text: &'a str) -> Self {
        Searcher {
            prog,
            text,
            slots: vec![NONE; prog.slots],
            stack: Vec::new(),
            steps: 0,
            budget: STEP_LIMIT
                .saturating_add(STEPS_PER_INPUT_BYTE.saturating_mul(text.len() as u64)),
            previous_end: 0,
        }
    }

    /// The first match starting at or after `from` (a character
    /// boundary): the slots hold its groups. `whole`: it must span the
    /// whole input.
    pub fn find(&mut self, from: usize, whole: bool) -> Result<bool, Stop> {
        let text = self.text;
        let mut start = from;
        loop {
            match (self.prog.first, whole) {
                (Some(One::Char(c)), false) => match text[start..].find(c) {
                    Some(i) => start += i,
                    None => return Ok(false),
                },
                (Some(first), false) => {
                    while start < text.len() && self.one(first, start).is_none() {
                        self.steps += 1;
                        start += text[start..].chars().next().map_or(1, char::len_utf8);
                    }
                    if start >= text.len() {
                        return Ok(false);
                    }
                }
                _ => {}
            }
            self.slots.iter_mut().for_each(|s| *s = NONE);
            self.stack.clear();
            let must_end = whole.then_some(text.len());
            if self.run(0, start, must_end)?.is_some() {
                self.previous_end = self.slots[1];
                return Ok(true);
            }
            if whole || self.prog.anchored || start >= text.len() {
                return Ok(false);
            }
            start += text[start..].chars().next().map_or(1, char::len_utf8);
        }
    }

    /// Group `g`'s bounds in the last match.
    pub fn group(&self, g: usize) -> Option<(usize, usize)> {
        let (s, e) = (*self.slots.get(g * 2)?, *self.slots.get(g * 2 + 1)?);
        (s != NONE && e != NONE).then_some((s, e))
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..)?.chars().next()
    }

    fn char_before(&self, pos: usize) -> Option<char> {
        self.text.get(..pos)?.chars().next_back()
    }

    fn one(&self, one: One, pos: usize) -> Option<usize> {
        let c = self.char_at(pos)?;
        let ok = match one {
            One::Char(x) => c == x,
            One::Fold(x, case) => fold(c, case) == x,
            One::Class(i) => self.prog.classes[i].matches(c),
            One::Dot(Dot::Nothing) => true,
            One::Dot(Dot::Newline) => c != '\n',
            One::Dot(Dot::LineTerminators) => !is_line_terminator(c),
        };
        ok.then(|| pos + c.len_utf8())
    }

    fn push(&mut self, f: Frame) -> Result<(), Stop> {
        if self.stack.len() >= STACK_LIMIT {
            return Err(Stop::Stack);
        }
        self.stack.push(f);
        Ok(())
    }

    fn set_slot(&mut self, slot: usize, pos: usize) -> Result<(), Stop> {
        let old = self.slots[slot];
        self.push(Frame::Restore {
            slot: slot as u32,
            old,
        })?;
        self.slots[slot] = pos;
        Ok(())
    }

    /// Runs from `pc` at `pos` until a `Match` (returning where it
    /// matched) or until every choice made since the call has failed.
    /// Choice points below the entry are left alone, so lookaround and
    /// atomic groups run their body with this same function.
    fn run(
        &mut self,
        mut pc: usize,
        mut pos: usize,
        must_end: Option<usize>,
    ) -> Result<Option<usize>, Stop> {
        let base = self.stack.len();
        loop {
            self.steps += 1;
            if self.steps > self.budget {
                return Err(Stop::Steps(self.budget));
            }
            let ok = match self.prog.insts[pc] {
                Inst::One(one) => match self.one(one, pos) {
                    Some(next) => {
                        pos = next;
                        pc += 1;
                        true
                    }
                    None => false,
                },
                Inst::Repeat {
                    one,
                    min,
                    max,
                    kind,
                } => {
                    let mut n = 0;
                    let mut at = pos;
                    while n < min {
                        match self.one(one, at) {
                            Some(next) => at = next,
                            None => break,
                        }
                        n += 1;
                    }
                    if n < min {
                        false
                    } else {
                        let min_pos = at;
                        match kind {
                            Greed::Lazy => {
                                if max > min {
                                    self.push(Frame::TakeMore {
                                        pc: pc as u32,
                                        pos: at as u32,
                                        left: max - min,
                                    })?;
                                }
                            }
                            Greed::Greedy | Greed::Possessive => {
                                while n < max {
                                    self.steps += 1;
                                    match self.one(one, at) {
                                        Some(next) => at = next,
                                        None => break,
                                    }
                                    n += 1;
                                }
                                if kind == Greed::Greedy && at > min_pos {
                                    self.push(Frame::GiveBack {
                                        pc: pc as u32 + 1,
                                        pos: at as u32,
                                        min_pos: min_pos as u32,
                                    })?;
                                }
                            }
                        }
                        pos = at;
                        pc += 1;
                        true
                    }
                }
                Inst::Assert(a) => {
                    pc += 1;
                    self.assertion(a, pos)
                }
                Inst::Save(slot) => {
                    self.set_slot(slot, pos)?;
                    pc += 1;
                    true
                }
                Inst::Split(a, b) => {
                    self.push(Frame::Alt {
                        pc: b as u32,
                        pos: pos as u32,
                    })?;
                    pc = a;
                    true
                }
                Inst::Jmp(to) => {
                    pc = to;
                    true
                }
                Inst::LoopIfProgress { slot, again } => {
                    pc = if self.slots[slot] == pos {
                        pc + 1
                    } else {
                        again
                    };
                    true
                }
                Inst::BackRef(g, case) => match self.group(g) {
                    None => false,
                    Some((s, e)) => {
                        let want = &self.text[s..e];
                        let rest = &self.text[pos..];
                        let mut it = rest.char_indices();
                        let mut ok = true;
                        for w in want.chars() {
                            match it.next() {
                                Some((_, c)) if fold(c, case) == fold(w, case) => {}
                                _ => {
                                    ok = false;
                                    break;
                                }
                            }
                        }
                        if ok {
                            pos += it.next().map_or(rest.len(), |(i, _)| i);
                            pc += 1;
                        }
                        ok
                    }
                },
                Inst::Atomic { next } => match self.sub(pc + 1, pos, None)? {
                    Some(end) => {
                        pos = end;
                        pc = next;
                        true
                    }
                    None => false,
                },
                Inst::Look {
                    ahead,
                    negate,
                    next,
                    min,
                    max,
                } => {
                    let found = if ahead {
                        self.sub(pc + 1, pos, None)?.is_some()
                    } else {
                        self.behind(pc + 1, pos, min, max)?
                    };
                    pc = next;
                    found != negate
                }
                Inst::Match => {
                    if must_end.is_some_and(|e| e != pos) {
                        false
                    } else {
                        return Ok(Some(pos));
                    }
                }
            };
            if ok {
                continue;
            }
            // Backtrack to the latest choice point made since entry.
            loop {
                if self.stack.len() <= base {
                    return Ok(None);
                }
                self.steps += 1;
                match self.stack.pop() {
                    Some(Frame::Restore { slot, old }) => self.slots[slot as usize] = old,
                    Some(Frame::Alt { pc: p, pos: q }) => {
                        pc = p as usize;
                        pos = q as usize;
                        break;
                    }
                    Some(Frame::GiveBack {
                        pc: p,
                        pos: q,
                        min_pos,
                    }) => {
                        let back =
                            q as usize - self.char_before(q as usize).map_or(1, char::len_utf8);
                        if back > min_pos as usize {
                            self.push(Frame::GiveBack {
                                pc: p,
                                pos: back as u32,
                                min_pos,
                            })?;
                        }
                        pc = p as usize;
                        pos = back;
                        break;
                    }
                    Some(Frame::TakeMore {
                        pc: p,
                        pos: q,
                        left,
                    }) => {
                        let Inst::Repeat { one, .. } = self.prog.insts[p as usize] else {
                            continue;
                        };
                        if let Some(next) = self.one(one, q as usize) {
                            if left > 1 {
                                self.push(Frame::TakeMore {
                                    pc: p,
                                    pos: next as u32,
                                    left: left - 1,
                                })?;
                            }
                            pc = p as usize + 1;
                            pos = next;
                            break;
                        }
                    }
                    None => return Ok(None),
                }
            }
        }
    }

    /// A sub-program (atomic group, lookaround body) run to its first
    /// match. Its choice points are dropped; the groups it set stay set,
    /// and are put back if matching later backtracks past it.
    fn sub(
        &mut self,
        pc: usize,
        pos: usize,
        must_end: Option<usize>,
    ) -> Result<Option<usize>, Stop> {
        let before = self.slots.clone();
        let base = self.stack.len();
        let found = self.run(pc, pos, must_end)?;
        self.stack.truncate(base);
        if found.is_some() {
            for (slot, &old) in before.iter().enumerate() {
                if self.slots[slot] != old {
                    self.push(Frame::Restore {
                        slot: slot as u32,
                        old,
                    })?;
                }
            }
        }
        Ok(found)
    }

    /// Lookbehind: the body matched from `min..=max` characters before
    /// `pos` up to exactly `pos`, nearest start first (as Java tries).
    fn behind(&mut self, pc: usize, pos: usize, min: u32, max: u32) -> Result<bool, Stop> {
        let mut start = pos;
        for _ in 0..min {
            match self.char_before(start) {
                Some(c) => start -= c.len_utf8(),
                None => return Ok(false),
            }
        }
        let mut k = min;
        loop {
            if self.sub(pc, start, Some(pos))?.is_some() {
                return Ok(true);
            }
            if k == max {
                return Ok(false);
            }
            match self.char_before(start) {
                Some(c) => start -= c.len_utf8(),
                None => return Ok(false),
            }
            k += 1;
        }
    }

    fn assertion(&self, a: Assertion, pos: usize) -> bool {
        let text = self.text;
        match a {
            Assertion::InputStart => pos == 0,
            Assertion::InputEnd => pos == text.len(),
            Assertion::PreviousMatchEnd => pos == self.previous_end,
            Assertion::LineStart { unix } => {
                // Java: never at the very end, even after a line terminator.
                if pos == text.len() {
                    return false;
                }
                match self.char_before(pos) {
                    None => true,
                    Some('\r') if !unix => self.char_at(pos) != Some('\n'),
                    Some(c) => is_terminator(c, unix),
                }
            }
            Assertion::Dollar { multiline, unix } => {
                let Some(c) = self.char_at(pos) else {
                    return true;
                };
                if !is_terminator(c, unix) {
                    return false;
                }
                // Not between \r and \n.
                if c == '\n' && !unix && self.char_before(pos) == Some('\r') {
                    return false;
                }
                if multiline {
                    return true;
                }
                // Without MULTILINE: only before a final line terminator.
                let after = pos + c.len_utf8();
                after == text.len() || (c == '\r' && !unix && &text[after..] == "\n")
            }
            Assertion::WordBoundary { negate, unicode } => {
                let word = |c: Option<char>| c.is_some_and(|c| is_boundary_word_char(c, unicode));
                let at = word(self.char_before(pos)) != word(self.char_at(pos));
                at != negate
            }
        }
    }
}

/// Java's line terminators: `\n`, `\r`, `\u0085`, `\u2028`, `\u2029`.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_terminator(c: char, unix: bool) -> bool {
    if unix {
        c == '\n'
    } else {
        is_line_terminator(c)
    }
}
