package tui

// NewIntake is a placeholder until the screen is built.
func NewIntake(c *Common) Screen { return NewQueue(c) }
