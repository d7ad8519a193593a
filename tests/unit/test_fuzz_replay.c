#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/fuzz.h"

/*
 * Every seed of tests/fuzz/corpus/NAME and every input that once made
 * a fuzz target crash, kept in tests/fuzz/regress/NAME, is fed to the
 * target again, without libFuzzer.  Each file is a test case named by
 * its path, so that a crash names the input that caused it.  Paths are
 * relative: the unit tests run from the top of the tree.
 */
#define FUZZ_DIR	"tests/fuzz"
#define FILES_CAP	1024
#define PATH_CAP	256

struct target {
	const char *name;
	void (*one)(const uint8_t *, size_t);
};

static const struct target targets[] = {
	{ "decode", fuzz_decode_one },
	{ "dnsmsg", fuzz_dnsmsg_one },
	{ "resolvconf", fuzz_resolvconf_one },
	{ "cli", fuzz_cli_one },
};

#define NTARGETS	(sizeof(targets) / sizeof(targets[0]))

struct input {
	char path[PATH_CAP];
	const struct target *target;
};

/* Filled once, when the suite is made; the case names point here. */
static struct input inputs[FILES_CAP];
static size_t ninputs;
static size_t nseeds[NTARGETS];

static int
is_input(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* The files of FUZZ_DIR/kind/NAME in name order; returns how many. */
static size_t
list_dir(const char *kind, const struct target *t)
{
	struct dirent **names;
	char dir[PATH_CAP];
	int n, i;
	size_t added = 0;

	snprintf(dir, sizeof(dir), "%s/%s/%s", FUZZ_DIR, kind, t->name);
	n = scandir(dir, &names, is_input, alphasort);
	for (i = 0; i < n; i++) {
		if (ninputs < FILES_CAP && snprintf(inputs[ninputs].path,
		    PATH_CAP, "%s/%s", dir, names[i]->d_name) < PATH_CAP) {
			inputs[ninputs++].target = t;
			added++;
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return added;
}

static uint8_t *
read_input(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		/* Exactly the file's bytes, so a read past them is caught. */
		buf = malloc(size > 0 ? (size_t)size : 1);
		if (buf != NULL &&
		    fread(buf, 1, (size_t)size, f) != (size_t)size) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)size;
	}
	fclose(f);
	return buf;
}

START_TEST(replay_one)
{
	const struct input *in = &inputs[_i];
	size_t len = 0;
	uint8_t *data = read_input(in->path, &len);

	ck_assert_msg(data != NULL, "cannot read %s", in->path);
	in->target->one(data, len);
	free(data);
}
END_TEST

START_TEST(seeds_found)
{
	ck_assert_msg(nseeds[_i] > 0, "no seeds in %s/corpus/%s: run the "
	    "unit tests from the top of the tree", FUZZ_DIR,
	    targets[_i].name);
}
END_TEST

Suite *
fuzz_replay_suite(void)
{
	Suite *s = suite_create("fuzz_replay");
	TCase *tc = tcase_create("seeds");
	size_t i;

	for (i = 0; i < NTARGETS; i++) {
		nseeds[i] = list_dir("corpus", &targets[i]);
		list_dir("regress", &targets[i]);
	}
	tcase_add_loop_test(tc, seeds_found, 0, NTARGETS);
	suite_add_tcase(s, tc);

	for (i = 0; i < ninputs; i++) {
		tc = tcase_create(inputs[i].path);
		tcase_add_loop_test(tc, replay_one, (int)i, (int)i + 1);
		suite_add_tcase(s, tc);
	}
	return s;
}
