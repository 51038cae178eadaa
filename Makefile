# tovholder — the outreach-casework desk.
GO      ?= go
BIN     := bin/tovholder
DEMO_DB ?= demo/demo.db
# make fuzz FUZZTIME=60s fuzzes each target for that long; by default each
# runs a fixed number of inputs (about 4 s each here). A time limit that runs
# out while a worker is busy is reported as a failure ("context deadline
# exceeded") on a loaded machine; a count has no deadline.
FUZZTIME ?=
fuzzfor = $(if $(FUZZTIME),$(FUZZTIME),$(1))

.PHONY: build test fuzz bench demo clean

build:
	$(GO) build -o $(BIN) ./cmd/tovholder

# Every test, then a short run of each fuzz target.
test: build
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz

fuzz:
	$(GO) test ./model -run='^$$' -fuzz='^FuzzParseCPR$$' -fuzztime=$(call fuzzfor,100000x)
	$(GO) test ./model -run='^$$' -fuzz='^FuzzDecodeFile$$' -fuzztime=$(call fuzzfor,12000x)
	$(GO) test ./model -run='^$$' -fuzz='^FuzzDecodeFast$$' -fuzztime=$(call fuzzfor,60000x)
	$(GO) test ./forms -run='^$$' -fuzz='^FuzzParseDateInput$$' -fuzztime=$(call fuzzfor,120000x)
	$(GO) test ./model -run='^$$' -fuzz='^FuzzClean$$' -fuzztime=$(call fuzzfor,25000x)
	$(GO) test ./tui -run='^$$' -fuzz='^FuzzScreensShowNoControl$$' -fuzztime=$(call fuzzfor,150x)

bench:
	$(GO) test -p 1 -run='^$$' -bench=. -benchmem -timeout=60m ./...  # -p 1: packages one at a time on 2 cores

# A fresh demo database of fictitious cases, then the desk on it.
demo: build
	rm -f $(DEMO_DB)
	mkdir -p $(dir $(DEMO_DB))
	$(BIN) demo --db $(DEMO_DB)

clean:
	rm -rf bin demo
