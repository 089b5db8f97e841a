//! `#define`: named blocks rendered where they are referenced.

use super::Renderer;
use crate::syntax::ast::Node;

impl<'t, 'c> Renderer<'t, 'c> {
    /// The block `#define`d under `name`, if any (a later `#set` of the
    /// name replaces it).
    #[inline(always)]
    pub fn define_of(&self, name: &str) -> Option<&'t [Node]> {
        if self.defines.is_empty() {
            return None;
        }
        self.defines.get(name).copied()
    }
}
