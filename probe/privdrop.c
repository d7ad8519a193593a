/*
 * Each step is checked, and any failure is fatal to the caller: a
 * prober that believes it dropped root and did not is worse than one
 * that stops.
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "privdrop.h"

static int
step_failed(char *err, size_t errlen, const char *step)
{
	snprintf(err, errlen, "%s: %s", step, strerror(errno));
	return -1;
}

static int
switch_user(const char *user, char *err, size_t errlen)
{
	struct passwd *pw;

	errno = 0;
	pw = getpwnam(user);
	if (pw == NULL) {
		snprintf(err, errlen, "no user \"%s\" to switch to: give one "
		    "with --user", user);
		return -1;
	}
	if (pw->pw_uid == 0) {
		snprintf(err, errlen, "user \"%s\" is root: give another "
		    "with --user", user);
		return -1;
	}

	if (setgroups(0, NULL) != 0)
		return step_failed(err, errlen, "dropping groups");
	if (setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) != 0)
		return step_failed(err, errlen, "setting the group");
	if (setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) != 0)
		return step_failed(err, errlen, "setting the user");
	return 0;
}

/* A binary with file capabilities keeps them across no setuid at all. */
static int
clear_capabilities(char *err, size_t errlen)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capset, &hdr, data) != 0)
		return step_failed(err, errlen, "clearing capabilities");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 &&
	    errno != EINVAL)
		return step_failed(err, errlen, "clearing ambient "
		    "capabilities");
	return 0;
}

void
privdrop_raise_net_raw(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};
	struct __user_cap_data_struct data[2];
	uint32_t bit = 1u << CAP_NET_RAW;

	if (syscall(SYS_capget, &hdr, data) != 0 ||
	    !(data[0].permitted & bit) || (data[0].effective & bit))
		return;
	data[0].effective |= bit;
	(void)syscall(SYS_capset, &hdr, data);
}

/* Neither root nor a capability may come back, by exec or otherwise. */
static int
forbid_regain(char *err, size_t errlen)
{
	if (geteuid() == 0 || getuid() == 0)
		return step_failed(err, errlen, "root is still held");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return step_failed(err, errlen, "setting no_new_privs");
	return 0;
}

int
privdrop(const char *user, char *err, size_t errlen)
{
	if ((getuid() == 0 || geteuid() == 0) &&
	    switch_user(user != NULL ? user : "nobody", err, errlen) != 0)
		return -1;
	if (clear_capabilities(err, errlen) != 0)
		return -1;
	return forbid_regain(err, errlen);
}
