package forms

import (
	"os"
	"testing"

	"tovholder/model"
)

// fixtureCase is testdata/documents.json's one case: all four documents,
// Danish letters in every part.
func fixtureCase(t testing.TB) model.Case {
	t.Helper()
	b, err := os.ReadFile("testdata/documents.json")
	if err != nil {
		t.Fatal(err)
	}
	cs, err := model.DecodeFile(b)
	if err != nil || len(cs) != 1 {
		t.Fatalf("the fixture: %v (%d cases)", err, len(cs))
	}
	return cs[0]
}

func TestFixtureDecodes(t *testing.T) {
	c := fixtureCase(t)
	if c.NetworkMap == nil || len(c.Agreements) != 2 || len(c.Meetings) != 1 || len(c.Consents) != 1 {
		t.Fatalf("the fixture lacks a document: %+v", c)
	}
}
