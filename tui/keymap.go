package tui

import (
	"github.com/charmbracelet/bubbles/key"
)

// KeyMap is every key of one desk, made once in its language and kept in
// Common: screens match keys against it, the help line and ? list it, and
// a test checks that no screen binds one key twice.
type KeyMap struct {
	// Everywhere. Help is ? and f1 outside text; F1 works in text too.
	Help, F1, Quit, ForceQuit, Back key.Binding
	// Answers to a question on the status line or in a form.
	Yes key.Binding
	Nav NavKeys

	Search SearchKeys
	Queue  QueueKeys
	Case   CaseKeys
	Triage TriageKeys
	Form   FormKeys
	Log    LogKeys
	Table  TableKeys
	Docs   DocsKeys
}

// NavKeys move through a list or scroll a page: the same keys on every screen.
type NavKeys struct{ Up, Down, PgUp, PgDown, Home, End key.Binding }

// SearchKeys work while a search box has the keys (searchBox).
type SearchKeys struct{ Done, Clear key.Binding }

// QueueKeys are the queue's.
type QueueKeys struct {
	Open, Search, NextView, PrevView, Triage, NewReferral, Reload, ClearSearch key.Binding
	// The access log: leaders and admins only.
	AccessLog key.Binding
	// While typing a search: the arrows still move in the list.
	SearchUp, SearchDown key.Binding
}

// CaseKeys are the case view's: one per action, and the view's own.
type CaseKeys struct {
	Contact, FirstMeeting, Advice, Plan, Held, Minutes, Needs, Close, Followup, Reassign, Done key.Binding
	Note, Annul, Explain, Details, ReferAgain, Search                                          key.Binding
	Documents                                                                                  key.Binding
}

// DocsKeys are the documents screen's (docsScreen) and the agreement's versions'.
type DocsKeys struct{ Open, Versions, Revoke, Print, Compare, FromMap key.Binding }

// LogKeys are the access log's.
type LogKeys struct{ Open, Search, Reload key.Binding }

// TriageKeys are the triage list's.
type TriageKeys struct{ Accept, Reject, Open, Reload key.Binding }

// FormKeys are every form's.
type FormKeys struct {
	Save, Next, Prev, Toggle, Choose, ChooseLeft, ChooseRight, Jump, Erase, Cancel key.Binding
	// Where a key means something else: on the last field enter saves
	// (NextLast is the rest of Next); in a text box enter is a new line
	// and the arrows move in the text.
	NextLast, EnterSaves, NextInBox, PrevInBox, NewLine key.Binding
}

// TableKeys are the table editor's (Table). Letters typed on a cell edit
// it, so every command is a key that types nothing.
type TableKeys struct {
	// Moving; Up's help names all four arrows.
	Up, Down, Left, Right, Next, Prev                       key.Binding
	Edit, Type, Add, Delete, MoveUp, MoveDown, Save, Cancel key.Binding
	// While a cell is edited: enter, tab and shift+tab keep it, esc
	// undoes it; in the larger editor of a long cell enter is a new line
	// (FormKeys.NewLine) and tab keeps it.
	Commit, CommitNext, CommitPrev, CancelEdit, BoxDone key.Binding
}

func bind(t func(string, ...any) string, help, msgKey string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(msgKey)))
}

// NewKeyMap makes the key map in the language of t.
func NewKeyMap(t func(string, ...any) string) KeyMap {
	return KeyMap{
		Help:      bind(t, "?", "app.help", "?", "f1"),
		F1:        bind(t, "f1", "app.help", "f1"),
		Quit:      bind(t, "q", "app.quit", "q"),
		ForceQuit: bind(t, "ctrl+c", "app.quit", "ctrl+c"),
		Back:      bind(t, "esc", "app.back", "esc"),
		Yes:       yesKey(t),
		Nav: NavKeys{
			Up:     bind(t, "↑/k", "key.up", "up", "k"),
			Down:   bind(t, "↓/j", "key.down", "down", "j"),
			PgUp:   bind(t, "pgup", "key.pgup", "pgup"),
			PgDown: bind(t, "pgdn", "key.pgdown", "pgdown"),
			Home:   bind(t, "g", "key.home", "home", "g"),
			End:    bind(t, "G", "key.end", "end", "G"),
		},
		Queue: QueueKeys{
			Open:        bind(t, "enter", "key.open", "enter"),
			Search:      bind(t, "/", "queue.key.search", "/"),
			NextView:    bind(t, "tab", "queue.key.view", "tab", "v"),
			PrevView:    bind(t, "shift+tab", "queue.key.view", "shift+tab", "V"),
			Triage:      bind(t, "t", "queue.key.triage", "t"),
			NewReferral: bind(t, "n", "queue.key.new", "n"),
			Reload:      bind(t, "ctrl+r", "queue.key.reload", "ctrl+r"), // r is reject and reassign elsewhere
			ClearSearch: bind(t, "esc", "queue.key.clear", "esc"),
			SearchUp:    bind(t, "↑", "key.up", "up"),
			SearchDown:  bind(t, "↓", "key.down", "down"),
			AccessLog:   bind(t, "L", "queue.key.log", "L"),
		},
		Log: LogKeys{
			Open:   bind(t, "enter", "log.key.open", "enter"),
			Search: bind(t, "/", "log.key.search", "/"),
			Reload: bind(t, "ctrl+r", "log.key.reload", "ctrl+r"),
		},
		Case: CaseKeys{
			Contact:      bind(t, "c", "action.contact", "c"),
			FirstMeeting: bind(t, "f", "action.first", "f"),
			Advice:       bind(t, "a", "action.advice", "a"),
			Plan:         bind(t, "p", "action.plan", "p"),
			Held:         bind(t, "m", "action.held", "m"),
			Minutes:      bind(t, "s", "action.minutes", "s"),
			Needs:        bind(t, "b", "action.needs", "b"),
			Close:        bind(t, "x", "action.close", "x"),
			Followup:     bind(t, "o", "action.followup", "o"),
			Reassign:     bind(t, "r", "action.reassign", "r"),
			Done:         bind(t, "d", "action.done", "d"),
			Note:         bind(t, "n", "action.note", "n"),
			Annul:        bind(t, "u", "action.annul", "u"),
			Explain:      bind(t, "enter", "case.key.explain", "enter"),
			Details:      bind(t, "enter", "case.key.details", "enter"),
			ReferAgain:   bind(t, "N", "action.referAgain", "N"),
			Search:       bind(t, "/", "case.key.search", "/"),
			Documents:    bind(t, "D", "docs.key.documents", "D"),
		},
		Docs: DocsKeys{
			Open:     bind(t, "enter", "docs.key.open", "enter"),
			Versions: bind(t, "v", "docs.key.versions", "v"),
			Revoke:   bind(t, "r", "docs.key.revoke", "r"),
			Print:    bind(t, "p", "print.key", "p"),
			Compare:  bind(t, "c", "compare.key", "c"),
			FromMap:  bind(t, "ctrl+o", "meeting.key.fromMap", "ctrl+o"),
		},
		Search: SearchKeys{
			Done:  bind(t, "enter", "queue.key.done", "enter"),
			Clear: bind(t, "esc", "queue.key.clear", "esc"),
		},
		Triage: TriageKeys{
			Accept: bind(t, "enter/a", "triage.key.accept", "enter", "a"),
			Reject: bind(t, "r", "triage.key.reject", "r"),
			Open:   bind(t, "o", "triage.key.open", "o"),
			Reload: bind(t, "ctrl+r", "triage.key.reload", "ctrl+r"),
		},
		Table: TableKeys{
			Up:         bind(t, "↑↓←→", "table.key.move", "up"),
			Down:       key.NewBinding(key.WithKeys("down")),
			Left:       key.NewBinding(key.WithKeys("left")),
			Right:      key.NewBinding(key.WithKeys("right")),
			Next:       bind(t, "tab", "table.key.next", "tab"),
			Prev:       bind(t, "shift+tab", "table.key.prev", "shift+tab"),
			Edit:       bind(t, "enter", "table.key.edit", "enter"),
			Type:       bind(t, "a–å", "table.key.type"),
			Add:        bind(t, "ctrl+n", "table.key.add", "ctrl+n"),
			Delete:     bind(t, "ctrl+d", "table.key.delete", "ctrl+d"),
			MoveUp:     bind(t, "shift+↑", "table.key.moveUp", "shift+up", "ctrl+up"),
			MoveDown:   bind(t, "shift+↓", "table.key.moveDown", "shift+down", "ctrl+down"),
			Save:       bind(t, "ctrl+s", "form.save", "ctrl+s"),
			Cancel:     bind(t, "esc", "form.cancel", "esc"),
			Commit:     bind(t, "enter", "table.key.commit", "enter"),
			CommitNext: bind(t, "tab", "table.key.commitNext", "tab"),
			CommitPrev: bind(t, "shift+tab", "table.key.commitPrev", "shift+tab"),
			CancelEdit: bind(t, "esc", "table.key.cancelEdit", "esc"),
			BoxDone:    bind(t, "tab", "table.key.boxDone", "tab", "shift+tab"),
		},
		Form: FormKeys{
			Save:        bind(t, "ctrl+s", "form.save", "ctrl+s"),
			Next:        bind(t, "tab/↓/enter", "form.next", "tab", "down", "enter"),
			Prev:        bind(t, "shift+tab/↑", "form.prev", "shift+tab", "up"),
			Toggle:      bind(t, "space", "form.toggle", " ", "x"),
			Choose:      bind(t, "←/→", "form.choose", "left", "right", " "),
			ChooseLeft:  key.NewBinding(key.WithKeys("left")),
			ChooseRight: key.NewBinding(key.WithKeys("right", " ")),
			Jump:        bind(t, "a–å", "form.jump"),
			Erase:       bind(t, "backspace", "form.erase", "backspace"),
			Cancel:      bind(t, "esc", "form.cancel", "esc"),
			NextLast:    bind(t, "tab/↓", "form.next", "tab", "down"),
			EnterSaves:  bind(t, "enter", "form.enterSaves", "enter"),
			NextInBox:   bind(t, "tab", "form.next", "tab"),
			PrevInBox:   bind(t, "shift+tab", "form.prev", "shift+tab"),
			NewLine:     bind(t, "enter", "form.newLine", "enter"),
		},
	}
}

// yesKey answers a question: j (ja) or y in Danish, only y in English,
// where j is down everywhere else.
func yesKey(t func(string, ...any) string) key.Binding {
	keys := []string{"y", "Y"}
	if t("key.yes") == "j" {
		keys = append(keys, "j", "J")
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(t("key.yes"), t("form.yes")))
}
