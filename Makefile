# The README's two commands, and a few more. The real build is Meson; this
# file only strings the steps together.
#
#   make run     install what is missing, build, start the web application
#                (meldkamer serve) on the demo database
#   make check   install what is missing, build, run every test, also
#                under AddressSanitizer + UBSan and valgrind
#
# More: make deps | build | demo-cli | test | test-san | test-valgrind | bench | bench-serve | bench-evidence | bench-report | fuzz | clean

BUILD    ?= build
SANBUILD ?= build-san
DB       ?= meldkamer.db

# Debian packages meldkamer needs to build and test (scripts/deps.sh).
DEB_PACKAGES = gcc make meson ninja-build pkg-config python3 \
	libsqlite3-dev libjansson-dev libsodium-dev libcmocka-dev libgmime-3.0-dev \
	sqlite3 valgrind tzdata libmicrohttpd-dev wrk chromium nodejs \
	libxlsxwriter-dev libssl-dev libarchive-dev openssl libical-dev

.PHONY: all deps build run demo-cli check test test-san test-valgrind bench bench-serve bench-intake bench-breach bench-report bench-evidence fuzz clean

all: build

# npm comes with some builds of nodejs and conflicts with them; it is
# installed on its own only where it is missing. The JS tests' packages
# (playwright-core, axe-core, ajv) come from tests/js/package-lock.json.
deps:
	@scripts/deps.sh $(DEB_PACKAGES)
	@command -v npm >/dev/null 2>&1 || scripts/deps.sh npm
	@[ -d tests/js/node_modules ] || (cd tests/js && npm ci --no-audit --no-fund)

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

# The main job: meldkamer serve on $(DB) at $(LISTEN). On first start the
# database gets the demo set, an admin account with a generated password
# (meldkamer-admin-password.txt) and a demo account per role
# (scripts/run.sh); later starts only serve.
LISTEN ?= 127.0.0.1:8080
run: deps $(BUILD)/build.ninja
	ninja -C $(BUILD) src/cli/meldkamer
	@scripts/run.sh $(BUILD)/src/cli/meldkamer $(DB) $(LISTEN)

# The command-line walk of the first release: the real VERIS incidents
# (when the shared data is there), one handled along the IBD process, the
# KPIs. Its own database, so that it never mixes with the demo set.
CLIDB ?= meldkamer-cli.db
demo-cli: deps $(BUILD)/build.ninja
	ninja -C $(BUILD) src/cli/meldkamer
	@scripts/demo.sh $(BUILD)/src/cli/meldkamer $(CLIDB)

test: build
	meson test -C $(BUILD) --print-errorlogs

$(SANBUILD)/build.ninja:
	meson setup $(SANBUILD) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

test-san: deps $(SANBUILD)/build.ninja
	ninja -C $(SANBUILD)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C $(SANBUILD) --print-errorlogs --no-suite bench

# Unit, intake and store tests under valgrind: no leaks, no invalid accesses.
test-valgrind: build
	meson test -C $(BUILD) --print-errorlogs --suite unit --suite intake --suite store \
		--wrap='valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --quiet'

check: test test-san test-valgrind

bench: build
	bench/run.sh $(BUILD)

# The breach register (CSV, XLSX, JSON) and deadlines on 100 000 breaches (issue 5).
bench-breach: build
	python3 bench/breach.py $(BUILD) $(BENCH_ARGS)

# export report of an incident with 10 000 logbook entries (issue 5).
bench-report: build
	python3 bench/report.py $(BUILD)

# meldkamer serve under wrk: requests/s, p99, page time, peak RSS (issue 3).
# BENCH_ARGS=--incidents 1000 for a quick look.
bench-serve: build
	python3 bench/serve.py $(BUILD) $(BENCH_ARGS)

# Alert and mail intake: eve.json lines/s, messages/s, peak RSS with a
# 25 MB attachment (issue 4).
bench-intake: build
	python3 bench/intake.py $(BUILD) $(BENCH_ARGS)
	python3 bench/mail.py $(BUILD)

# The chain of custody: hashing MB/s on 1 GiB, the export of 10 000
# logbook entries and 1 GiB of evidence, peak RSS (bench/evidence.py).
bench-evidence: build
	python3 bench/evidence.py $(BUILD) $(BENCH_ARGS)

# The libFuzzer harnesses of tests/fuzz, FUZZ_SECONDS each. Their corpora
# stay outside the repository (one starts from the shared VCDB records).
FUZZ_SECONDS ?= 60
FUZZBUILD ?= build-fuzz
fuzz:
	@scripts/deps.sh $(DEB_PACKAGES) clang libclang-rt-14-dev
	[ -f $(FUZZBUILD)/build.ninja ] || CC=clang meson setup $(FUZZBUILD) -Dfuzz=true \
		-Db_sanitize=address,undefined -Db_lundef=false -Dtests=false
	ninja -C $(FUZZBUILD) tests/fuzz/fuzz-veris tests/fuzz/fuzz-tables tests/fuzz/fuzz-html \
		tests/fuzz/fuzz-mail tests/fuzz/fuzz-alerts tests/fuzz/fuzz-json-writer tests/fuzz/fuzz-breach tests/fuzz/fuzz-archive tests/fuzz/fuzz-closure src/cli/meldkamer
	scripts/fuzz.sh $(FUZZBUILD) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(SANBUILD) $(FUZZBUILD)
