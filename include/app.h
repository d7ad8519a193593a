/* The whole program behind main(), so tests can link all of it. */
#ifndef PROBE_APP_H
#define PROBE_APP_H

#define PROBE_VERSION	"0.1.0"

/* Runs probe; returns the exit status (see exit_status.h). */
int probe_main(int argc, char **argv);

#endif
