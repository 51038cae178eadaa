package tui

import (
	"encoding/json"
	"strings"
	"time"

	"tovholder/db"
	"tovholder/model"
)

// The audit log's actions in words, for the access log and for a save
// refused because someone else changed the case meanwhile.
var _ = register(map[string]model.Text{
	"audit.open":         {Da: "åbnede sagen", En: "opened the case"},
	"audit.event":        {Da: "registrerede %s", En: "recorded %s"},
	"audit.eventSome":    {Da: "registrerede en hændelse", En: "recorded an event"},
	"audit.ev.assigned":  {Da: "tildelte sagen til %s", En: "assigned the case to %s"},
	"audit.ev.rejected":  {Da: "afviste henvendelsen", En: "rejected the referral"},
	"audit.ev.closed":    {Da: "afsluttede sagen", En: "closed the case"},
	"audit.note":         {Da: "skrev et notat", En: "wrote a note"},
	"audit.done":         {Da: "markerede et mål eller en opgave som udført", En: "marked a goal or task done"},
	"audit.annul":        {Da: "annullerede %s", En: "annulled %s"},
	"audit.annulSome":    {Da: "annullerede en hændelse", En: "annulled an event"},
	"audit.create":       {Da: "oprettede sagen", En: "created the case"},
	"audit.edit":         {Da: "ændrede sagen", En: "changed the case"},
	"audit.import":       {Da: "importerede sagen", En: "imported the case"},
	"audit.export":       {Da: "eksporterede", En: "exported"},
	"audit.print":        {Da: "udskrev", En: "printed"},
	"audit.audit":        {Da: "læste adgangsloggen", En: "read the access log"},
	"audit.login":        {Da: "loggede ind", En: "logged in"},
	"audit.user.add":     {Da: "oprettede brugeren %s", En: "added the user %s"},
	"audit.user.key-add": {Da: "tilføjede en nøgle til %s", En: "added a key for %s"},
	"audit.user.disable": {Da: "spærrede brugeren %s", En: "disabled the user %s"},
	"audit.user.set":     {Da: "ændrede indstillinger for %s", En: "changed the settings of %s"},
	"audit.at":           {Da: "kl. %s", En: "at %s"},
	"audit.on":           {Da: "%s kl. %s", En: "%s at %s"},

	"conflict.changed": {Da: "%s, efter du så sagen. Tryk ctrl+s igen for at gemme dit oven på den nye version; reglerne tjekkes igen.",
		En: "%s, after you saw the case. Press ctrl+s again to save yours on top of the new version; the rules are checked again."},
	"conflict.someone": {Da: "Sagen er ændret", En: "The case was changed"},
	"conflict.more":    {Da: "%d ændringer før det", En: "%d changes before that"},
})

// actionWords says what an audit entry records, in words: "åbnede sagen",
// "registrerede kontaktforsøg", "annullerede første samtale".
func (c *Common) actionWords(e db.AuditEntry) string {
	var d struct {
		Type model.EventType `json:"type"`
		To   string          `json:"to"`
		Was  *struct {
			Type model.EventType `json:"type"`
		} `json:"was"`
	}
	switch a := e.Action; a {
	case "event":
		if json.Unmarshal([]byte(e.Detail), &d) == nil && d.Type != "" {
			switch d.Type {
			case model.Assigned:
				return c.T("audit.ev.assigned", model.CleanLine(d.To))
			case model.Rejected, model.Closed:
				return c.T("audit.ev." + string(d.Type))
			}
			return c.T("audit.event", c.eventWord(d.Type))
		}
		return c.T("audit.eventSome")
	case "annul":
		if json.Unmarshal([]byte(e.Detail), &d) == nil && d.Was != nil && d.Was.Type != "" {
			return c.T("audit.annul", c.eventWord(d.Was.Type))
		}
		return c.T("audit.annulSome")
	case "open", "note", "done", "create", "edit", "import", "export", "print", "audit", "login":
		return c.T("audit." + a)
	case "user.add", "user.key-add", "user.disable", "user.set":
		name, _, _ := strings.Cut(e.Detail, " ") // the user's name, then what changed
		return c.T("audit."+a, model.CleanLine(name))
	default:
		return model.CleanLine(a)
	}
}

// eventWord is an event type in words, as in the middle of a sentence:
// "kontaktforsøg", "contact attempt". A type the desk does not know is
// shown as it is.
func (c *Common) eventWord(t model.EventType) string {
	if _, ok := texts["case.ev."+string(t)]; !ok {
		return model.CleanLine(string(t))
	}
	return lowerFirst(c.T("case.ev." + string(t)))
}

// timeWords says when, in Copenhagen: "kl. 13:05" today, else "24. nov kl. 13:05".
func (c *Common) timeWords(at time.Time) string {
	local := at.In(copenhagen)
	clock := local.Format("15:04")
	if d := model.DateOf(local); d != c.Today() {
		return c.T("audit.on", c.dayMonth(d), clock)
	}
	return c.T("audit.at", clock)
}

// conflictWords says who changed the case since the user saw it, what and
// when, and that saving again saves on top: "kim registrerede
// kontaktforsøg kl. 13:05, efter du så sagen. Tryk ctrl+s igen …".
func (c *Common) conflictWords(ce *db.ConflictError) string {
	changes := ce.Changes
	var parts []string
	if n := len(changes) - 3; n > 0 { // the newest three, and how many before them
		parts = append(parts, c.T("conflict.more", n))
		changes = changes[n:]
	}
	for _, ch := range changes {
		who := model.CleanLine(ch.User)
		if who == "" {
			who = c.T("live.someone")
		}
		parts = append(parts, who+" "+c.actionWords(ch)+" "+c.timeWords(ch.At))
	}
	what := strings.Join(parts, "; ")
	if what == "" {
		what = c.T("conflict.someone")
	}
	return c.T("conflict.changed", what)
}
