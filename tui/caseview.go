package tui

// NewCaseView is a placeholder until the screen is built.
func NewCaseView(c *Common, id string) Screen { return NewQueue(c) }
