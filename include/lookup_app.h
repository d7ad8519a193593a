/* probe lookup: the nslookup-compatible command. */
#ifndef PROBE_LOOKUP_APP_H
#define PROBE_LOOKUP_APP_H

/*
 * argv[0] is the word that chose this mode ("lookup", "nslookup").
 * Returns the exit status: 0 answered, 1 not, 3 usage or environment.
 */
int lookup_main(int argc, char **argv);

#endif
