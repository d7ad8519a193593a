/*
 * The standard descriptors, around a whole run of any mode: held open
 * before the first socket, and checked for lost output at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app_internal.h"
#include "exit_status.h"

static int
is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/*
 * A descriptor of 0 to 2 left closed would be the first socket's, and
 * the report would be written into it: each is held on /dev/null.  A
 * closed stdout is refused, as nothing could be reported.
 */
int
app_stdio_hold(void)
{
	int out_open = is_open(STDOUT_FILENO), fd;

	for (fd = 0; fd <= STDERR_FILENO; fd++)
		if (!is_open(fd) &&
		    open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			return app_fail(PROBE_EXIT_USAGE, "cannot hold "
			    "descriptor %d on /dev/null: %s", fd,
			    strerror(errno));
	if (!out_open)
		return app_fail(PROBE_EXIT_USAGE, "standard output is closed: "
		    "give it a file or a pipe");
	return PROBE_EXIT_OK;
}

/* Output lost to a full disk must not pass for a report. */
int
app_stdio_finish(int rc)
{
	int err = 0;

	if (fflush(stdout) != 0)
		err = errno;
	if (err == 0 && !ferror(stdout))
		return rc;
	return app_fail(PROBE_EXIT_USAGE, "cannot write the output: %s; "
	    "check where standard output goes",
	    err != 0 ? strerror(err) : "write error");
}
