/*
 * Exit statuses of probe, documented in probe(1).  Only main and the
 * command layer choose one.
 */
#ifndef PROBE_EXIT_STATUS_H
#define PROBE_EXIT_STATUS_H

enum probe_exit {
	PROBE_EXIT_OK = 0,		/* every probe answered with SYN-ACK */
	PROBE_EXIT_NOREPLY = 1,		/* a probe lost, refused or rejected */
	PROBE_EXIT_UNRESOLVED = 2,	/* a target name did not resolve */
	PROBE_EXIT_USAGE = 3,		/* bad options or environment */
};

#endif
