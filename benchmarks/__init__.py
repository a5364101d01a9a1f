"""`make bench`: refterm's speed as ratios against baselines measured in the same run."""
