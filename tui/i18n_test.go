package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tovholder/forms"
	"tovholder/model"
)

// Every message exists in both languages.
func TestCatalogHasBothLanguages(t *testing.T) {
	for _, k := range messageKeys() {
		tx := texts[k]
		if strings.TrimSpace(tx.Da) == "" || strings.TrimSpace(tx.En) == "" {
			t.Errorf("message %q lacks a language: %+v", k, tx)
		}
		if strings.Count(tx.Da, "%") != strings.Count(tx.En, "%") {
			t.Errorf("message %q has different placeholders: %q / %q", k, tx.Da, tx.En)
		}
	}
	for _, code := range forms.Codes {
		if tx, ok := forms.CodeText[code]; !ok || tx.Da == "" || tx.En == "" {
			t.Errorf("input error code %q lacks words", code)
		}
	}
}

// Every literal key the code translates is in the catalog.
func TestCatalogHasEveryKeyUsed(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	used := regexp.MustCompile(`\.T\("([a-zA-Z0-9_.]+)"\s*[,)]`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			if _, ok := texts[m[1]]; !ok {
				t.Errorf("%s uses message %q, which is not in the catalog", f, m[1])
			}
		}
	}
}

// Every refusal and warning the model gives has words in both languages.
func TestEveryProblemHasWords(t *testing.T) {
	for _, code := range model.ProblemCodes {
		if tx, ok := texts["problem."+code]; !ok || tx.Da == "" || tx.En == "" {
			t.Errorf("problem %q has no words", code)
		}
	}
}
