package tui

// NewTriage is a placeholder until the screen is built.
func NewTriage(c *Common) Screen { return NewQueue(c) }
