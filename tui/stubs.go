package tui

// Placeholders, replaced by the real screens.
func NewCaseView(c *Common, id string) Screen { return NewQueue(c) }
func NewTriage(c *Common) Screen              { return NewQueue(c) }
func NewIntake(c *Common) Screen              { return NewQueue(c) }
