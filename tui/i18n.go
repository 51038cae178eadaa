package tui

import (
	"fmt"
	"sort"

	"tovholder/model"
)

// texts is the message catalog, filled by register at start-up from each
// screen's own table and never written after.
var texts = map[string]model.Text{}

func register(table map[string]model.Text) bool {
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
	s := t.In(l.Code())
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// option makes a choice whose words are a catalog message.
func option(id, msgKey string) model.Option {
	t := texts[msgKey]
	return model.Option{ID: id, Da: t.Da, En: t.En}
}

// plainOption is a choice that reads the same in both languages, such as
// a person's name.
func plainOption(s string) model.Option { return model.Option{ID: s, Da: s, En: s} }

// messageKeys lists the catalog's keys, sorted.
func messageKeys() []string {
	keys := make([]string, 0, len(texts))
	for k := range texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var _ = register(map[string]model.Text{
	"app.name":         {Da: "Tovholder", En: "Tovholder"},
	"app.quit":         {Da: "afslut", En: "quit"},
	"app.help":         {Da: "alle taster", En: "all keys"},
	"app.back":         {Da: "tilbage", En: "back"},
	"app.helpTitle":    {Da: "Taster på denne skærm", En: "Keys on this screen"},
	"app.helpGlobal":   {Da: "Altid", En: "Always"},
	"app.closeHelp":    {Da: "luk hjælp", En: "close help"},
	"app.quitDirty":    {Da: "Der er ugemte ændringer. Afslut alligevel? (j/n)", En: "There are unsaved changes. Quit anyway? (y/n)"},
	"app.pasteNowhere": {Da: "Indsæt tekst i et tekstfelt; her er taster kommandoer.", En: "Paste text into a text field; here keys are commands."},
	"app.error":        {Da: "Fejl: %s", En: "Error: %s"},
	"app.loading":      {Da: "Henter …", En: "Loading …"},
	"role.caseworker":  {Da: "sagsbehandler", En: "caseworker"},
	"role.coordinator": {Da: "koordinator", En: "coordinator"},
	"role.leader":      {Da: "leder", En: "leader"},
	"role.admin":       {Da: "administrator", En: "admin"},
	"key.up":           {Da: "op", En: "up"},
	"key.down":         {Da: "ned", En: "down"},
	"key.pgup":         {Da: "side op", En: "page up"},
	"key.pgdown":       {Da: "side ned", En: "page down"},
	"key.home":         {Da: "først", En: "first"},
	"key.end":          {Da: "sidst", En: "last"},
	"key.open":         {Da: "åbn", En: "open"},
	"key.yes":          {Da: "j", En: "y"},
	"lock.title":       {Da: "Låst", En: "Locked"},
	"lock.text":        {Da: "Skrivebordet er låst efter %s inaktivitet. Tryk på en tast for at fortsætte.", En: "The desk is locked after %s of inactivity. Press a key to continue."},
	"lock.minutes":     {Da: "%d minutters", En: "%d minutes"},
	"lock.minute":      {Da: "1 minuts", En: "1 minute"},
	"lock.seconds":     {Da: "%d sekunders", En: "%d seconds"},
	"lock.key":         {Da: "enhver tast", En: "any key"},
	"lock.continue":    {Da: "fortsætter", En: "continues"},
	"live.changed":     {Da: "%s ændrede %s", En: "%s changed %s"},
	"live.created":     {Da: "%s oprettede %s", En: "%s created %s"},
	"live.cases":       {Da: "%s ændrede %d sager", En: "%s changed %d cases"},
	"live.manyBy":      {Da: "%s ændrede mange sager", En: "%s changed many cases"},
	"live.many":        {Da: "Mange sager er ændret", En: "Many cases changed"},
	"live.someone":     {Da: "en anden", En: "someone"},
})
