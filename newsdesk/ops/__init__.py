"""Operations: metrics and structured logs. A plain package that imports
nothing of ours, so every app may count and log through it."""
