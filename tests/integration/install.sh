#!/bin/sh
# make install into staging trees (DESTDIR): where each file lands, with
# which mode, that the installed binary runs, the nslookup link only when
# asked for, and CAP_NET_RAW only with SETCAP=1.  As root SETCAP=1 must
# leave the capability on the binary; as anyone else it must fail.
#
# Prints "ok NAME" or "FAIL NAME: why" with make's output for each case,
# then "N passed, N failed"; exits non-zero if any case failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
MAKE=${MAKE:-make}

# why MESSAGE: records why the current case fails; always fails.
why() {
	WHY=$*
	return 1
}

# install_to DIR VAR=VALUE...: make install into DIR, output in $OUT.
install_to() {
	it_dir=$1
	shift
	rm -rf "$it_dir"
	mkdir -p "$it_dir"
	CMD="make install DESTDIR=$it_dir $*"
	"$MAKE" --no-print-directory -C "$root" install DESTDIR="$it_dir" \
		"$@" >"$OUT" 2>&1
	RC=$?
}

expect_rc() {
	[ "$RC" = "$1" ] || why "exit status $RC, expected $1"
}

# expect_file PATH MODE SOURCE: PATH is a regular file with that mode
# and SOURCE's bytes.
expect_file() {
	if [ ! -f "$1" ] || [ -L "$1" ]; then
		why "no file $1"
		return
	fi
	ef_mode=$(stat -c %a "$1")
	[ "$ef_mode" = "$2" ] || why "$1 has mode $ef_mode, not $2" || return
	cmp -s "$1" "$3" || why "$1 differs from $3"
}

# expect_installed DIR BINDIR MANDIR: the binary and every page.
expect_installed() {
	expect_file "$1$2/probe" 755 "$root/bin/probe" || return
	for ei_page in "$root"/docs/*.1; do
		expect_file "$1$3/man1/$(basename "$ei_page")" 644 \
			"$ei_page" || return
	done
}

expect_no_link() {
	if [ -e "$1" ] || [ -L "$1" ]; then
		why "$1 exists"
	fi
}

# caps_of FILE: its file capabilities as getcap prints them, or "".
caps_of() {
	getcap "$1" 2>/dev/null | sed 's/^[^ ]* *=* *//'
}

expect_no_caps() {
	ec_caps=$(caps_of "$1")
	[ -z "$ec_caps" ] || why "$1 has capabilities $ec_caps"
}

case_default_prefix() {
	install_to "$T/a"
	expect_rc 0 || return
	expect_installed "$T/a" /usr/local/bin /usr/local/share/man ||
		return
	expect_no_link "$T/a/usr/local/bin/nslookup" || return
	expect_no_caps "$T/a/usr/local/bin/probe"
}

case_prefix() {
	install_to "$T/b" PREFIX=/usr
	expect_rc 0 || return
	expect_installed "$T/b" /usr/bin /usr/share/man || return
	[ ! -e "$T/b/usr/local" ] || why "something went to /usr/local"
}

case_bindir_mandir() {
	install_to "$T/c" BINDIR=/opt/probe/sbin MANDIR=/opt/probe/man
	expect_rc 0 || return
	expect_installed "$T/c" /opt/probe/sbin /opt/probe/man
}

case_runs() {
	install_to "$T/d" PREFIX=/usr
	expect_rc 0 || return
	"$T/d/usr/bin/probe" --version >"$OUT" 2>&1
	RC=$?
	expect_rc 0 || return
	grep -q '^probe [0-9]' "$OUT" || why "no version line"
}

case_no_link_unless_asked() {
	install_to "$T/e" PREFIX=/usr INSTALL_NSLOOKUP_LINK=0
	expect_rc 0 || return
	expect_no_link "$T/e/usr/bin/nslookup"
}

# The link answers as nslookup, so its usage is the lookup's.
case_nslookup_link() {
	install_to "$T/f" PREFIX=/usr INSTALL_NSLOOKUP_LINK=1
	expect_rc 0 || return
	nl_link=$T/f/usr/bin/nslookup
	[ -L "$nl_link" ] || why "$nl_link is not a link" || return
	nl_to=$(readlink "$nl_link")
	[ "$nl_to" = probe ] || why "$nl_link points to $nl_to" || return
	"$nl_link" --help >"$OUT" 2>&1
	RC=$?
	expect_rc 0 || return
	head -n 1 "$OUT" | grep -q '^usage: probe lookup' ||
		why "the link does not answer as nslookup"
}

case_reinstall() {
	install_to "$T/g" PREFIX=/usr INSTALL_NSLOOKUP_LINK=1
	expect_rc 0 || return
	"$MAKE" --no-print-directory -C "$root" install DESTDIR="$T/g" \
		PREFIX=/usr INSTALL_NSLOOKUP_LINK=1 >"$OUT" 2>&1
	RC=$?
	expect_rc 0 || return
	expect_installed "$T/g" /usr/bin /usr/share/man || return
	[ "$(readlink "$T/g/usr/bin/nslookup")" = probe ] ||
		why "the link changed"
}

case_setcap() {
	if [ "$(id -u)" -ne 0 ]; then
		install_to "$T/h" PREFIX=/usr SETCAP=1
		[ "$RC" -ne 0 ] || why "setcap without root succeeded"
		return
	fi
	install_to "$T/h" PREFIX=/usr SETCAP=1
	expect_rc 0 || return
	sc_caps=$(caps_of "$T/h/usr/bin/probe")
	echo "$sc_caps" | grep -Eq '^cap_net_raw[+=]p$' ||
		why "capabilities \"$sc_caps\", not cap_net_raw=p"
}

# A PATH with what the recipe needs but setcap.
case_setcap_missing() {
	mkdir -p "$T/path"
	for sm_prog in install ln; do
		ln -sf "$(command -v "$sm_prog")" "$T/path/$sm_prog"
	done
	sm_make=$(command -v "$MAKE")
	rm -rf "$T/i"
	CMD="PATH=$T/path make install DESTDIR=$T/i SETCAP=1"
	PATH=$T/path "$sm_make" --no-print-directory -C "$root" install \
		DESTDIR="$T/i" PREFIX=/usr SETCAP=1 >"$OUT" 2>&1
	RC=$?
	[ "$RC" -ne 0 ] || why "make succeeded without setcap" || return
	grep -q 'apt-get install libcap2-bin' "$OUT" ||
		why "no word of libcap2-bin"
}

run_case() {
	WHY=
	RC=
	CMD=
	if "$2"; then
		echo "ok $1"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL $1: $WHY"
	if [ -n "$RC" ]; then
		echo "    # $CMD"
		echo "    exit status: $RC"
		sed 's/^/    output: /' "$OUT"
	fi
	failed=$((failed + 1))
}

main() {
	T=$(mktemp -d) || exit 1
	trap 'rm -rf "$T"' EXIT
	trap 'exit 130' INT TERM
	OUT=$T/out
	passed=0
	failed=0

	if ! "$MAKE" --no-print-directory -C "$root" bin/probe >"$OUT" 2>&1
	then
		echo "FAIL build: make bin/probe failed"
		sed 's/^/    output: /' "$OUT"
		echo "0 passed, 1 failed"
		exit 1
	fi

	run_case default-prefix case_default_prefix
	run_case prefix case_prefix
	run_case bindir-mandir case_bindir_mandir
	run_case runs case_runs
	run_case no-link-unless-asked case_no_link_unless_asked
	run_case nslookup-link case_nslookup_link
	run_case reinstall case_reinstall
	run_case setcap case_setcap
	run_case setcap-missing case_setcap_missing
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
