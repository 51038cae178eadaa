# tovholder — the outreach-casework desk.
GO      ?= go
BIN     := bin/tovholder
DEMO_DB ?= demo/demo.db
FUZZTIME ?= 5s

.PHONY: build test fuzz bench demo clean

build:
	$(GO) build -o $(BIN) ./cmd/tovholder

# Every test, then a short run of each fuzz target.
test: build
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz

fuzz:
	$(GO) test ./model -run='^$$' -fuzz='^FuzzParseCPR$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./model -run='^$$' -fuzz='^FuzzDecodeFile$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./model -run='^$$' -fuzz='^FuzzDecodeFast$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./forms -run='^$$' -fuzz='^FuzzParseDateInput$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./model -run='^$$' -fuzz='^FuzzClean$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./tui -run='^$$' -fuzz='^FuzzScreensShowNoControl$$' -fuzztime=$(FUZZTIME)

bench:
	$(GO) test -p 1 -run='^$$' -bench=. -benchmem -timeout=60m ./...  # -p 1: packages one at a time on 2 cores

# A fresh demo database of fictitious cases, then the desk on it.
demo: build
	rm -f $(DEMO_DB)
	mkdir -p $(dir $(DEMO_DB))
	$(BIN) demo --db $(DEMO_DB)

clean:
	rm -rf bin demo
