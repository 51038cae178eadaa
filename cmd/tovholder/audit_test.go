package main

import (
	"strings"
	"testing"
)

// The audit log says who imported a case; a case's own history only its entries.
func TestCLIAudit(t *testing.T) {
	_, dbPath := cliSetup(t)
	all := cliMustRun(t, "audit", "--db", dbPath)
	if !strings.Contains(all, "WHO") || !strings.Contains(all, "import") || !strings.Contains(all, "K-1") {
		t.Fatalf("audit:\n%s", all)
	}
	one := cliMustRun(t, "audit", "--db", dbPath, "--case", "K-2")
	if strings.Contains(one, "K-1") || !strings.Contains(one, "K-2") {
		t.Errorf("audit --case K-2 shows other cases:\n%s", one)
	}
	if r := cliRun(t, "audit", "--db", dbPath, "--case", "nope"); r.code == 0 {
		t.Error("an unknown case is an error")
	}
}
