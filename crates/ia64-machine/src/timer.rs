//! The interval timer: ITC (AR44) counting retired instructions, ITM (CR1) match, ITV (CR72).
//!
//! The CPU reports retired instructions with [`IntervalTimer::advance`]; the ITC advances by the
//! same amount (one tick per instruction, which keeps everything deterministic). When the ITC
//! reaches or passes the ITM value the timer interrupt becomes pending (SDM Vol. 2 §3.3.4.2: an
//! interrupt is raised when ITC == ITM; since the ITC moves in steps here, "passes" counts). The
//! interrupt is delivered only when ITV.m (bit 16) is clear; [`IntervalTimer::instructions_until_match`]
//! lets the CPU end a run slice exactly at the match.
//!
//! ```
//! use ia64_machine::timer::IntervalTimer;
//! let mut t = IntervalTimer::new();
//! t.set_itv(0xef); // vector 0xef, unmasked
//! t.set_itm(100);
//! assert_eq!(t.instructions_until_match(), Some(100));
//! t.advance(99);
//! assert!(!t.pending());
//! t.advance(1);
//! assert!(t.pending());
//! assert_eq!(t.take_pending(), Some(0xef));
//! ```

/// ITV.m: the timer interrupt is masked.
pub const ITV_MASK_BIT: u64 = 1 << 16;

/// Interval timer state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntervalTimer {
    itc: u64,
    itm: u64,
    itv: u64,
    armed: bool,
    pending: bool,
}

impl Default for IntervalTimer {
    fn default() -> Self {
        Self::new()
    }
}

impl IntervalTimer {
    /// ITC 0, no match armed, ITV masked (the architectural reset value of ITV has m = 1).
    pub fn new() -> Self {
        Self {
            itc: 0,
            itm: 0,
            itv: ITV_MASK_BIT,
            armed: false,
            pending: false,
        }
    }

    /// Current ITC.
    pub fn itc(&self) -> u64 {
        self.itc
    }
    /// Write the ITC (`mov ar.itc`); a match exactly at the new value is not lost.
    pub fn set_itc(&mut self, v: u64) {
        self.itc = v;
        self.check_match(v, v);
    }
    /// Current ITM.
    pub fn itm(&self) -> u64 {
        self.itm
    }
    /// Write the ITM (`mov cr.itm`), arming the match.
    pub fn set_itm(&mut self, v: u64) {
        self.itm = v;
        self.armed = true;
        self.check_match(self.itc, self.itc);
    }
    /// Current ITV.
    pub fn itv(&self) -> u64 {
        self.itv
    }
    /// Write the ITV (vector in bits 7:0, mask in bit 16).
    pub fn set_itv(&mut self, v: u64) {
        self.itv = v & (ITV_MASK_BIT | 0xff);
    }

    /// The CPU retired `n` instructions.
    #[inline]
    pub fn advance(&mut self, n: u64) {
        if n == 0 {
            return;
        }
        let old = self.itc;
        self.itc = old.wrapping_add(n);
        if self.armed {
            self.check_match(old.wrapping_add(1), self.itc);
        }
    }

    /// Match if ITM lies in the (wrap-aware) interval `[from, to]` of ITC values just reached.
    fn check_match(&mut self, from: u64, to: u64) {
        if !self.armed {
            return;
        }
        let span = to.wrapping_sub(from);
        if self.itm.wrapping_sub(from) <= span {
            self.pending = true;
            self.armed = false; // one interrupt per ITM write
        }
    }

    /// Whether a timer interrupt is pending (regardless of the mask).
    pub fn pending(&self) -> bool {
        self.pending
    }

    /// If an unmasked timer interrupt is pending, clear it and return its vector.
    pub fn take_pending(&mut self) -> Option<u8> {
        if self.pending && self.itv & ITV_MASK_BIT == 0 {
            self.pending = false;
            Some(self.itv as u8)
        } else {
            None
        }
    }

    /// Make the interrupt pending again (it was taken but could not be delivered).
    pub fn force_pending(&mut self) {
        self.pending = true;
    }

    /// Instructions left until the ITC reaches ITM (`None` if no match is armed).
    pub fn instructions_until_match(&self) -> Option<u64> {
        self.armed.then(|| self.itm.wrapping_sub(self.itc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passing_the_match_in_one_step_counts() {
        let mut t = IntervalTimer::new();
        t.set_itm(10);
        t.advance(1000);
        assert!(t.pending());
        assert_eq!(t.take_pending(), None, "masked by default");
        t.set_itv(0x20);
        assert_eq!(t.take_pending(), Some(0x20));
        assert!(!t.pending());
        t.advance(u64::MAX); // no re-arm without an ITM write
        assert!(!t.pending());
    }

    #[test]
    fn no_match_before_itm_and_wraparound() {
        let mut t = IntervalTimer::new();
        t.set_itc(u64::MAX - 5);
        t.set_itm(3);
        t.advance(5);
        assert!(!t.pending());
        assert_eq!(t.instructions_until_match(), Some(4));
        t.advance(4);
        assert!(t.pending());
        assert_eq!(t.itc(), 3);
    }

    #[test]
    fn itm_in_the_past_does_not_fire_until_wrap() {
        let mut t = IntervalTimer::new();
        t.advance(50);
        t.set_itm(10);
        t.advance(100);
        assert!(!t.pending());
        t.set_itm(150);
        assert!(t.pending(), "ITM equal to the current ITC matches");
    }
}
