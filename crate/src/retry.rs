//! When and how long to wait before sending a failed request again.

use std::time::Duration;

/// Retry policy for transient failures (network errors, 5xx, throttling). Other errors are never
/// retried: sending the same request again would fail the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Upper bound of the first wait; doubles with each retry.
    pub base_delay: Duration,
    /// No single wait is longer than this.
    pub max_delay: Duration,
}

impl Default for RetryConfig {
    /// 5 retries, waits of 0.05–0.1 s, 0.1–0.2 s, 0.2–0.4 s, 0.4–0.8 s, 0.8–1.6 s: at most about 3 s in
    /// all, short enough that a user sees a persistent failure quickly (the extension's queue retries later).
    fn default() -> Self {
        Self { max_retries: 5, base_delay: Duration::from_millis(100), max_delay: Duration::from_secs(5) }
    }
}

impl RetryConfig {
    /// The wait before retry number `retry` (0-based): "equal jitter", half of an exponentially growing
    /// bound plus a uniform draw over the other half. The draw keeps many clients throttled at once from
    /// retrying in lockstep; the fixed half means a throttled server always gets a pause (full jitter can
    /// draw none). `random` is in `[0, 1)`.
    pub(crate) fn delay(&self, retry: u32, random: f64) -> Duration {
        let bound = self.base_delay.saturating_mul(1u32 << retry.min(20)).min(self.max_delay);
        bound / 2 + (bound / 2).mul_f64(random.clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_exponentially_and_are_capped() {
        let c = RetryConfig::default();
        let just_below_one = 0.999_999;
        let bounds: Vec<u128> = (0..8).map(|r| c.delay(r, just_below_one).as_millis()).collect();
        assert_eq!(bounds, vec![99, 199, 399, 799, 1599, 3199, 4999, 4999]);
        let floors: Vec<u128> = (0..8).map(|r| c.delay(r, 0.0).as_millis()).collect();
        assert_eq!(floors, vec![50, 100, 200, 400, 800, 1600, 2500, 2500]);
        assert_eq!(c.delay(40, 0.5), Duration::from_millis(3750));
    }
}
