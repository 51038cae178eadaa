package tui

import (
	"tovholder/model"
)

// The words of model.Problem, for refusals and warnings.
var _ = register(map[string]model.Text{
	"problem.rejected":        {Da: "Sagen blev afvist ved visiteringen; der kan kun skrives notater på den.", En: "The case was rejected at triage; only notes can be written on it."},
	"problem.closed":          {Da: "Sagen er afsluttet; kun opfølgningen efter afslutning og notater kan registreres.", En: "The case is closed; only the follow-up after closing and notes can be recorded."},
	"problem.not_closed":      {Da: "Opfølgningen efter afslutning kan først registreres, når sagen er afsluttet.", En: "The follow-up after closing can only be recorded once the case is closed."},
	"problem.untriaged":       {Da: "Sagen er ikke visiteret endnu; visitér den først (t i køen).", En: "The case has not been triaged yet; triage it first (t in the queue)."},
	"problem.triaged":         {Da: "Sagen er allerede visiteret.", En: "The case has already been triaged."},
	"problem.first_twice":     {Da: "Første samtale er allerede registreret (%s).", En: "The first meeting is recorded already (%s)."},
	"problem.future":          {Da: "ligger efter i dag; registrér det, når det er sket", En: "is after today; record it once it has happened"},
	"problem.before_referral": {Da: "ligger før henvendelsen (%s)", En: "is before the referral (%s)"},
	"problem.before_close":    {Da: "ligger før afslutningen (%s); opfølgningen skal ligge efter", En: "is before the closing (%s); the follow-up must come after it"},
	"problem.same_worker":     {Da: "har allerede sagen", En: "has the case already"},
	"problem.annulled":        {Da: "Hændelsen er allerede annulleret.", En: "The event is annulled already."},
	"problem.referral_stays":  {Da: "Henvendelsen er sagens begyndelse og kan ikke annulleres. Er sagen oprettet ved en fejl, så afvis den ved visiteringen eller afslut den.", En: "The referral is where the case begins and cannot be annulled. If the case was made by mistake, reject it at triage or close it."},
	"problem.read_only":       {Da: "Du har kun læseadgang.", En: "You have read-only access."},
	"problem.not_allowed":     {Da: "Kun koordinatorer kan visitere og tildele sager.", En: "Only coordinators triage and assign cases."},
	"problem.not_yours":       {Da: "Sagen hører til %s; kun sagsbehandleren og koordinatorer kan ændre den.", En: "The case is %s's; only its caseworker and coordinators can change it."},
	"problem.disabled":        {Da: "Din bruger er spærret; intet kan gemmes. Tal med en administrator.", En: "Your account is disabled; nothing can be saved. Talk to an admin."},
	"problem.no_consent":      {Da: "Der er intet samtykke, der dækker %s; registrér samtykket først.", En: "No consent covers %s; record the consent first."},
	"problem.consent_revoked": {Da: "Samtykket er trukket tilbage (%[2]s); %[1]s kan ikke inddrages uden et nyt.", En: "The consent was revoked (%[2]s); %[1]s cannot be involved without a new one."},
	"problem.not_covered":     {Da: "Samtykket nævner ikke %s.", En: "The consent does not name %s."},
	"problem.not_admin":       {Da: "Kun administratorer kan oprette og ændre brugere.", En: "Only admins add and change users."},

	"problem.minutes_before_meeting": {Da: "Referatet er dateret før det koordinerende møde (%s).", En: "The minutes are dated before the coordinating meeting (%s)."},
	"problem.minutes_no_meeting":     {Da: "Der er ikke registreret noget koordinerende møde, som referatet kan høre til.", En: "No coordinating meeting is recorded for the minutes to belong to."},
	"problem.before_first_meeting":   {Da: "Det ligger før første samtale (%s).", En: "It is before the first meeting (%s)."},
	"problem.no_first_meeting":       {Da: "Der er ikke holdt nogen første samtale endnu.", En: "No first meeting has been held yet."},
	"problem.window_not_open":        {Da: "Opfølgningsvinduet åbner først %s (3 måneder efter afslutningen).", En: "The follow-up window opens only on %s (3 months after closing)."},
	"problem.closing_misses":         {Da: "%d frister er ikke overholdt og tælles som ikke overholdt, når sagen afsluttes.", En: "%d deadlines are unmet and count as missed once the case is closed."},
	"problem.back_to_triage":         {Da: "Det er sagens eneste tildeling: sagen går tilbage til visitering.", En: "It is the case's only assignment: the case goes back to triage."},
	"problem.reopens":                {Da: "Sagen bliver åben igen.", En: "The case becomes open again."},
})

// The help line's short words for why a screen is read-only.
var _ = register(map[string]model.Text{
	"readOnly.read_only":   {Da: "kun læsning: din rolle ændrer intet", En: "read-only: your role changes nothing"},
	"readOnly.not_yours":   {Da: "kun læsning: sagen hører til %s", En: "read-only: %s holds the case"},
	"readOnly.untriaged":   {Da: "kun læsning: sagen er ikke visiteret", En: "read-only: the case is not triaged"},
	"readOnly.not_allowed": {Da: "kun læsning: kun koordinatorer visiterer", En: "read-only: only coordinators triage"},
	"readOnly.other":       {Da: "kun læsning", En: "read-only"},
	"readOnly.why":         {Da: "Kun læsning: %s", En: "Read-only: %s"},
})

// readOnlyWords says why a screen is read-only: short for the help line,
// long (the problem's own words) for the help.
func (c *Common) readOnlyWords(p model.Problem) (short, long string) {
	short = c.T("readOnly.other")
	if _, ok := texts["readOnly."+p.Code]; ok {
		short = c.T("readOnly."+p.Code, p.Args...)
	}
	return model.CleanLine(short), c.T("readOnly.why", c.problemWords(p))
}

// problemWords says a refusal or warning in the desk's language.
func (c *Common) problemWords(p model.Problem) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if d, ok := a.(model.Date); ok {
			a = c.dateWords(d)
		}
		args[i] = a
	}
	return c.T("problem."+p.Code, args...)
}
