//! The time one input may take: a deadline that the stages reading and extracting it check as
//! they go, so that no file of any format holds a batch for longer than `--timeout`.
//!
//! The deadline belongs to the thread working on the input ([`within`] sets it); the stages call
//! [`check`] in their loops. Past the deadline, `check` unwinds the stack (with
//! [`std::panic::resume_unwind`], which runs no panic hook) to [`within`], which answers
//! [`OverTime`]: the input is refused whole, and nothing of it is kept.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// An input that ran past its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverTime;

/// Runs `work` with a deadline `limit` from now on this thread, and answers what it returned,
/// or [`OverTime`] when a [`check`] inside it found the deadline passed. Any other unwinding
/// goes on up (the pipeline reports a panic as an internal error).
pub fn within<T>(limit: Duration, work: impl FnOnce() -> T) -> Result<T, OverTime> {
    let outer = DEADLINE.with(|d| d.replace(Instant::now().checked_add(limit)));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    DEADLINE.with(|d| d.set(outer));
    match result {
        Ok(value) => Ok(value),
        Err(payload) if payload.is::<OverTime>() => Err(OverTime),
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// The time left before this thread's deadline (`None`: no deadline is set).
pub fn remaining() -> Option<Duration> {
    DEADLINE.with(|d| d.get()).map(|at| at.saturating_duration_since(Instant::now()))
}

/// Stops the work on this input when its deadline has passed. Cheap (a clock read): called once
/// per item of any loop whose length grows with the input.
pub fn check() {
    if DEADLINE.with(|d| d.get()).is_some_and(|at| Instant::now() >= at) {
        std::panic::resume_unwind(Box::new(OverTime));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spin_until_stopped() -> u64 {
        let mut turns = 0u64;
        loop {
            check();
            turns += 1;
            std::hint::black_box(turns);
        }
    }

    #[test]
    fn work_past_its_deadline_is_stopped_and_work_within_it_answers() {
        assert_eq!(within(Duration::from_millis(20), spin_until_stopped), Err(OverTime));
        assert_eq!(within(Duration::from_secs(60), || 7), Ok(7));
        assert!(remaining().is_none(), "the deadline ends with the work");
    }

    #[test]
    fn without_a_deadline_check_does_nothing() {
        check();
        assert!(remaining().is_none());
    }

    #[test]
    fn a_panic_that_is_not_over_time_goes_on_up() {
        let caught = std::panic::catch_unwind(|| within(Duration::from_secs(60), || panic!("a bug")));
        assert!(caught.is_err());
    }

    #[test]
    fn an_inner_deadline_gives_the_outer_one_back() {
        let inner = within(Duration::from_secs(60), || {
            let before = remaining().unwrap();
            let _ = within(Duration::from_millis(1), spin_until_stopped);
            remaining().unwrap() <= before
        });
        assert_eq!(inner, Ok(true));
    }
}
