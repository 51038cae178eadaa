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

.PHONY: build test fuzz bench demo serve clean

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

# The demo database served over SSH: the demo's cases (made if missing),
# the caseworker anne and the coordinator tove with keys made in demo/keys,
# and you as admin with your own key (~/.ssh/id_ed25519.pub, else
# id_rsa.pub), if you have one. ctrl+c stops the server.
SERVE_ADDR ?= 127.0.0.1:2222
SERVE_HOST := $(firstword $(subst :, ,$(SERVE_ADDR)))
SERVE_PORT := $(lastword $(subst :, ,$(SERVE_ADDR)))
DEMO_KEYS  := $(dir $(DEMO_DB))keys
serve: build
	mkdir -p $(DEMO_KEYS)
	test -f $(DEMO_DB) || $(BIN) demo --db $(DEMO_DB) --no-desk
	@for u in anne:caseworker tove:coordinator lise:leader; do \
	  name=$${u%%:*}; role=$${u#*:}; \
	  test -f $(DEMO_KEYS)/$$name || ssh-keygen -q -t ed25519 -N '' -C $$name@tovholder-demo -f $(DEMO_KEYS)/$$name || exit 1; \
	  $(BIN) user list --db $(DEMO_DB) | grep -q "^$$name " || \
	    $(BIN) user add $$name --role $$role --key $(DEMO_KEYS)/$$name.pub --db $(DEMO_DB) || exit 1; \
	done
	@me=$$(id -un); for k in $$HOME/.ssh/id_ed25519.pub $$HOME/.ssh/id_rsa.pub; do \
	  if [ -f $$k ]; then \
	    $(BIN) user list --db $(DEMO_DB) | grep -q "^$$me " || \
	      $(BIN) user add $$me --role admin --key $$k --db $(DEMO_DB) || exit 1; \
	    break; \
	  fi; \
	done
	@echo
	@echo "Join the desk, each in a terminal of their own:"
	@echo "  ssh -p $(SERVE_PORT) -i $(DEMO_KEYS)/anne -o IdentitiesOnly=yes anne@$(SERVE_HOST)    # anne, caseworker"
	@echo "  ssh -p $(SERVE_PORT) -i $(DEMO_KEYS)/tove -o IdentitiesOnly=yes tove@$(SERVE_HOST)    # tove, coordinator"
	@echo "  ssh -p $(SERVE_PORT) -i $(DEMO_KEYS)/lise -o IdentitiesOnly=yes lise@$(SERVE_HOST)    # lise, leader (L: the access log)"
	@if $(BIN) user list --db $(DEMO_DB) | grep -q "^$$(id -un) .*admin"; then \
	  echo "  ssh -p $(SERVE_PORT) $(SERVE_HOST)    # you, admin (your own key): ssh -p $(SERVE_PORT) $(SERVE_HOST) help"; fi
	@echo
	$(BIN) serve --listen $(SERVE_ADDR) --db $(DEMO_DB)

clean:
	rm -rf bin demo
