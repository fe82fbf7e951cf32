"""Rule examples by rule module, merged by test_rules."""
