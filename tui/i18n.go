package tui

import (
	"fmt"
	"sort"
)

// Text is one message in both languages. Keeping both in one literal
// means no message can exist in one language only.
type Text struct{ Da, En string }

// texts is the message catalog, filled by register at start-up from each
// screen's own table and never written after.
var texts = map[string]Text{}

func register(table map[string]Text) bool {
	for k, v := range table {
		if _, dup := texts[k]; dup {
			panic("tui: message key registered twice: " + k)
		}
		texts[k] = v
	}
	return true
}

func translate(l Lang, key string, args ...any) string {
	t, ok := texts[key]
	if !ok {
		return "⟦" + key + "⟧"
	}
	s := t.Da
	if l == English {
		s = t.En
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// pick chooses the desk's language from a text that carries both.
func (c *Common) pick(t Text) string {
	if c.Lang == English {
		return t.En
	}
	return t.Da
}

// messageKeys lists the catalog's keys, sorted.
func messageKeys() []string {
	keys := make([]string, 0, len(texts))
	for k := range texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var _ = register(map[string]Text{
	"app.name":         {"Tovholder", "Tovholder"},
	"app.quit":         {"afslut", "quit"},
	"app.help":         {"alle taster", "all keys"},
	"app.back":         {"tilbage", "back"},
	"app.helpTitle":    {"Taster på denne skærm", "Keys on this screen"},
	"app.helpGlobal":   {"Altid", "Always"},
	"app.closeHelp":    {"luk hjælp", "close help"},
	"app.quitDirty":    {"Der er ugemte ændringer. Afslut alligevel? (j/n)", "There are unsaved changes. Quit anyway? (y/n)"},
	"app.readOnly":     {"Du har kun læseadgang.", "You have read-only access."},
	"app.notAllowed":   {"Kun koordinatorer kan gøre det.", "Only coordinators can do that."},
	"app.error":        {"Fejl: %s", "Error: %s"},
	"role.caseworker":  {"sagsbehandler", "caseworker"},
	"role.coordinator": {"koordinator", "coordinator"},
	"role.leader":      {"leder", "leader"},
	"key.up":           {"op", "up"},
	"key.down":         {"ned", "down"},
	"key.pgup":         {"side op", "page up"},
	"key.pgdown":       {"side ned", "page down"},
	"key.home":         {"først", "first"},
	"key.end":          {"sidst", "last"},
	"key.open":         {"åbn", "open"},
	"key.yes":          {"j", "y"},
})
