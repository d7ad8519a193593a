#!/usr/bin/env python3
"""A small authoritative DNS server that misbehaves as a script tells it.

Tests of `probe lookup` need replies no ordinary server gives on demand:
SERVFAIL for one search domain, silence for another, a truncated answer,
a reply that cannot be parsed.  This server gives exactly the reply its
script names for each query, and logs what it was asked.

Usage:

    scripted_dns.py --listen ADDRESS [--port PORT] --script FILE
                    --log FILE [--pid-file FILE] [--ready-file FILE]

ADDRESS is numeric: 198.18.0.10, fd00::53 or fe80::53%eth0.  The server
answers on UDP and on TCP (two-byte length prefix, RFC 1035 4.2.2; several
queries a connection, replies in the order they are ready, RFC 7766) on
that address and port; port 0 picks a free one.  Once both sockets are
bound it prints "ready ADDRESS PORT" on stdout and writes the same line to
the ready file, if asked for one.  SIGTERM or SIGINT stops it: it closes
its sockets, removes its pid and ready files and exits with status 0.
It only ever replies to the address a query came from.

Log: one line per query, written and flushed when the query arrives:

    udp|tcp NAME TYPE OUTCOME

NAME is lower case with a trailing dot; TYPE a mnemonic (A, AAAA, SRV,
...) or TYPEnn; OUTCOME one of NOERROR (an answer with records), NODATA,
NXDOMAIN, SERVFAIL, REFUSED, DROPPED (no reply), TRUNCATED (a UDP reply
with TC set) or MALFORMED.  A datagram or TCP message that is not a
standard query (QR clear, opcode QUERY, one question) is neither answered
nor logged.

Script: a JSON object with three keys, "rules" alone required:

    {
      "soa": {"name": "cluster.local", "ttl": 30,
              "data": "ns.dns.cluster.local. hostmaster.cluster.local.
                       1 7200 1800 86400 30"},
      "default": {"action": "nxdomain"},
      "rules": [
        {"name": "mysql.default.svc.cluster.local", "action": "answer",
         "records": [{"type": "A", "data": "198.18.78.144"},
                     {"type": "AAAA", "data": "fd00:198:18::78:144"}]},
        {"name": "*.corp.internal", "type": "A", "action": "servfail",
         "delay": 200},
        {"name": "*", "action": "malformed", "variant": "wrong_id"}
      ]
    }

(The SOA data is one string; it is broken here only to fit the page.)

"rules" are tried in order; the first whose name and type fit the query
decides the reply.  Keys of a rule:

  name     the query name, without regard to case, trailing dot optional;
           "*.SUFFIX" fits every name below SUFFIX (not SUFFIX itself) and
           "*" fits every name.
  type     optional; the rule then fits only queries of this type (a
           mnemonic as in the log, or TYPEnn).
  action   answer     the records of "records" whose type is the query's
                      (or CNAME; all of them for ANY); NODATA if none is.
                      A UDP answer larger than the client takes (512
                      bytes, or with EDNS its size up to 1232) is sent
                      with TC set and the records that fit.
           nxdomain   rcode 3, the SOA in the authority section.
           nodata     NOERROR, empty answer, the SOA in the authority
                      section.
           servfail   rcode 2.
           refused    rcode 5.
           drop       no reply at all.
           truncate   over UDP TC set, with as many of the answer's
                      records as fit in 512 bytes ("fill": true, the
                      default) or none ("fill": false); over TCP the whole
                      answer.
           malformed  a broken reply, by "variant":
                      short         its first 6 bytes only (id, flags,
                                    QDCOUNT);
                      count_lie     one answer record, ANCOUNT 5;
                      pointer_loop  an answer whose owner name is a
                                    compression pointer to itself;
                      wrong_id      the whole answer, under another id;
                      oversized     a 4000-byte well-formed reply, even
                                    over UDP, without TC, its answer one
                                    TXT record.
                      The records that count_lie and wrong_id carry are
                      those an answer would; a TXT record naming the
                      variant if there are none.
  records  for answer, truncate and malformed: a list of
           {"type": T, "data": D, "ttl": seconds (default 30),
            "name": owner (default: the query name, as asked)}
           with D in zone-file form: A "198.18.0.1"; AAAA "fd00::1";
           CNAME, NS, PTR "target.name."; MX "10 mail.name."; SRV
           "0 100 3306 target.name."; TXT "text" or ["text", ...]; SOA
           "mname rname serial refresh retry expire minimum".
  delay    milliseconds to wait before replying; other queries are
           answered meanwhile.
  aa       whether AA is set; by default it is, as a cluster DNS sets it,
           except on SERVFAIL and REFUSED.
  fill     see truncate.
  drop_first
           how many of the first queries this rule decides get no reply
           at all (logged DROPPED), as if lost on the way; the action
           answers the later ones.  A rule with a type and drop_first 1
           loses one reply of an A and AAAA pair.

"default" is a rule without name and type, used when no rule fits; it is
{"action": "nxdomain"} if left out.  "soa" is the record of the negative
answers (type SOA implied); by default owner "." with data
"ns.invalid. hostmaster.invalid. 1 7200 1800 86400 30".

Every reply echoes the question as asked, the id, and RD; it sets RA.  If
the query has an EDNS OPT record, the reply has one too, announcing 1232
bytes.
"""

import argparse
import heapq
import itertools
import json
import os
import selectors
import signal
import socket
import struct
import sys
import time

TYPE_CODES = {
    "A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16,
    "AAAA": 28, "SRV": 33, "OPT": 41, "SVCB": 64, "HTTPS": 65, "ANY": 255,
}
TYPE_NAMES = {code: name for name, code in TYPE_CODES.items()}

CLASS_IN = 1
NOERROR, SERVFAIL, NXDOMAIN, REFUSED = 0, 2, 3, 5
QR, AA, TC, RD, RA = 0x8000, 0x0400, 0x0200, 0x0100, 0x0080

HEADER = struct.Struct("!6H")
RR_FIXED = struct.Struct("!HHIH")
# Offset of the question name in every message: a pointer to it names
# the query's owner in its own case.
QUESTION_POINTER = struct.pack("!H", 0xC000 | HEADER.size)

CLASSIC_UDP = 512
EDNS_UDP = 1232
OVERSIZED = 4000
DEFAULT_TTL = 30
DEFAULT_SOA = {"name": ".",
               "data": "ns.invalid. hostmaster.invalid. 1 7200 1800 86400 30"}

ACTIONS = ("answer", "nxdomain", "nodata", "servfail", "refused", "drop",
           "truncate", "malformed")
VARIANTS = ("short", "count_lie", "pointer_loop", "wrong_id", "oversized")
RULE_KEYS = {"name", "type", "action", "records", "delay", "aa", "fill",
             "variant", "drop_first"}
RECORD_KEYS = {"type", "data", "ttl", "name"}
# Label bytes logged as they are; others become \DDD, so that a name
# never holds a space, a dot or a line break of its own.
PLAIN = frozenset(b"abcdefghijklmnopqrstuvwxyz"
                  b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*")


class ScriptError(ValueError):
    """The script cannot be used: said once, before anything is bound."""


class ParseError(ValueError):
    """A message ends early or holds a bad name: it gets no reply."""


# Names


def type_name(code):
    """The log's name for a type; RFC 3597 form for those not listed."""
    return TYPE_NAMES.get(code, "TYPE%d" % code)


def type_code(name):
    """The code of a type named in a script, as mnemonic or TYPEnn."""
    upper = name.upper()
    if upper in TYPE_CODES:
        return TYPE_CODES[upper]
    if upper.startswith("TYPE") and upper[4:].isdigit():
        return int(upper[4:])
    raise ScriptError("unknown type %r" % name)


def canonical(name):
    """Lower case without the trailing dot, the form names compare in."""
    name = name.lower()
    return name[:-1] if name.endswith(".") else name


def encode_name(name):
    """The uncompressed wire form of a dotted name; "." is the root."""
    text = canonical(name)
    wire = bytearray()
    for label in text.split(".") if text else []:
        raw = label.encode("ascii")
        if not 0 < len(raw) < 64:
            raise ScriptError("bad label in name %r" % name)
        wire += bytes([len(raw)]) + raw
    wire.append(0)
    if len(wire) > 255:
        raise ScriptError("name longer than 255 bytes: %r" % name)
    return bytes(wire)


def label_text(raw):
    """A label as text, bytes that would break a log line as \\DDD."""
    return "".join(chr(b) if b in PLAIN else "\\%03d" % b for b in raw)


def read_name(msg, offset):
    """Reads a possibly compressed name: (text, offset after it).

    Pointers must point before themselves, which rules out loops."""
    labels, end = [], None
    while True:
        need(msg, offset + 1)
        length = msg[offset]
        if length >= 0xC0:
            need(msg, offset + 2)
            target = struct.unpack_from("!H", msg, offset)[0] & 0x3FFF
            if target >= offset:
                raise ParseError("forward compression pointer")
            end = offset + 2 if end is None else end
            offset = target
        elif length >= 0x40:
            raise ParseError("unknown label type")
        elif length == 0:
            text = ".".join(labels) + "."
            return text, offset + 1 if end is None else end
        else:
            need(msg, offset + 1 + length)
            labels.append(label_text(msg[offset + 1:offset + 1 + length]))
            offset += 1 + length


def need(msg, end):
    """Fails unless the message has at least end bytes."""
    if len(msg) < end:
        raise ParseError("message ends early")


# Records


def rdata_name(data):
    """RDATA that is one name: CNAME, NS, PTR."""
    return encode_name(data)


def rdata_mx(data):
    """MX: "preference exchange"."""
    preference, exchange = data.split()
    return struct.pack("!H", int(preference)) + encode_name(exchange)


def rdata_srv(data):
    """SRV: "priority weight port target"."""
    priority, weight, port, target = data.split()
    numbers = struct.pack("!3H", int(priority), int(weight), int(port))
    return numbers + encode_name(target)


def rdata_soa(data):
    """SOA: "mname rname serial refresh retry expire minimum"."""
    mname, rname, *numbers = data.split()
    if len(numbers) != 5:
        raise ScriptError("SOA needs 7 fields: %r" % data)
    return (encode_name(mname) + encode_name(rname)
            + struct.pack("!5I", *(int(n) for n in numbers)))


def rdata_txt(data):
    """TXT: one string or a list, each at most 255 bytes."""
    strings = [data] if isinstance(data, str) else data
    wire = bytearray()
    for text in strings:
        raw = text.encode("utf-8")
        if len(raw) > 255:
            raise ScriptError("TXT string longer than 255 bytes")
        wire += bytes([len(raw)]) + raw
    return bytes(wire)


RDATA = {
    "A": lambda data: socket.inet_pton(socket.AF_INET, data),
    "AAAA": lambda data: socket.inet_pton(socket.AF_INET6, data),
    "CNAME": rdata_name, "NS": rdata_name, "PTR": rdata_name,
    "MX": rdata_mx, "SRV": rdata_srv, "SOA": rdata_soa, "TXT": rdata_txt,
}


def resource_record(owner, rtype, ttl, rdata):
    """One RR in wire form; owner is already encoded."""
    return owner + RR_FIXED.pack(rtype, CLASS_IN, ttl, len(rdata)) + rdata


class Record:
    """A script record, encoded once when the script is read."""

    def __init__(self, spec):
        check_keys(spec, RECORD_KEYS, "record")
        kind = str(spec.get("type", "")).upper()
        if kind not in RDATA:
            raise ScriptError("record type must be one of %s"
                              % ", ".join(RDATA))
        try:
            self.rdata = RDATA[kind](spec["data"])
        except (KeyError, ValueError, TypeError, OSError,
                struct.error) as err:
            raise ScriptError("bad %s data %r: %s"
                              % (kind, spec.get("data"), err)) from err
        self.rtype = TYPE_CODES[kind]
        self.ttl = int(spec.get("ttl", DEFAULT_TTL))
        if not 0 <= self.ttl < 2 ** 31:
            raise ScriptError("ttl out of range: %d" % self.ttl)
        owner = spec.get("name")
        self.owner = None if owner is None else encode_name(owner)

    def wire(self):
        """The RR, owned by the query name unless the script named one."""
        owner = QUESTION_POINTER if self.owner is None else self.owner
        return resource_record(owner, self.rtype, self.ttl, self.rdata)


def check_keys(spec, allowed, what):
    """Rejects unknown keys, so a misspelt one does not pass unnoticed."""
    if not isinstance(spec, dict):
        raise ScriptError("a %s must be a JSON object" % what)
    unknown = set(spec) - allowed
    if unknown:
        raise ScriptError("unknown %s key(s): %s"
                          % (what, ", ".join(sorted(unknown))))


# The script


class Rule:
    """One rule of the script, checked when the script is read."""

    def __init__(self, spec, default=False):
        check_keys(spec, RULE_KEYS, "rule")
        if default and ("name" in spec or "type" in spec):
            raise ScriptError("the default rule has no name or type")
        if not default and "name" not in spec:
            raise ScriptError("a rule needs a name")
        self.pattern = canonical(spec.get("name", "*"))
        self.qtype = type_code(spec["type"]) if "type" in spec else None
        self.action = spec.get("action")
        if self.action not in ACTIONS:
            raise ScriptError("action must be one of %s" % ", ".join(ACTIONS))
        self.variant = spec.get("variant")
        if (self.action == "malformed") != (self.variant in VARIANTS):
            raise ScriptError("malformed needs a variant, one of %s; "
                              "other actions take none" % ", ".join(VARIANTS))
        self.records = [Record(r) for r in spec.get("records", [])]
        self.delay = int(spec.get("delay", 0)) / 1000
        self.aa = bool(spec.get("aa", self.action not in ("servfail",
                                                          "refused")))
        self.fill = bool(spec.get("fill", True))
        self.to_drop = int(spec.get("drop_first", 0))
        if self.to_drop < 0:
            raise ScriptError("drop_first must not be negative")

    def fits(self, name, qtype):
        """Whether this rule decides a query for name (canonical form)."""
        if self.qtype is not None and self.qtype != qtype:
            return False
        if self.pattern == "*":
            return True
        if self.pattern.startswith("*."):
            return name.endswith(self.pattern[1:])
        return name == self.pattern

    def drops_next(self):
        """Whether the query now decided is one of the first to lose."""
        if self.to_drop == 0:
            return False
        self.to_drop -= 1
        return True

    def answer(self, qtype):
        """The records that answer qtype, in wire form."""
        return [r.wire() for r in self.records
                if qtype in (r.rtype, TYPE_CODES["ANY"])
                or r.rtype == TYPE_CODES["CNAME"]]


class Script:
    """Rules, default and SOA, read from the JSON file."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as handle:
            try:
                spec = json.load(handle)
            except json.JSONDecodeError as err:
                raise ScriptError("%s: %s" % (path, err)) from err
        check_keys(spec, {"rules", "default", "soa"}, "script")
        if not isinstance(spec.get("rules"), list):
            raise ScriptError("the script needs a list of rules")
        self.rules = []
        for index, rule in enumerate(spec["rules"]):
            self.rules.append(checked("rule %d" % index, Rule, rule))
        self.default = checked("default", Rule,
                               spec.get("default", {"action": "nxdomain"}),
                               default=True)
        self.soa = checked("soa", soa_record, spec.get("soa", DEFAULT_SOA))
        if self.soa.owner is None:
            raise ScriptError("the soa needs a name")

    def rule_for(self, query):
        """The first rule that fits the query, or the default."""
        name = canonical(query.name)
        return next((r for r in self.rules if r.fits(name, query.qtype)),
                    self.default)


def soa_record(spec):
    """The SOA of negative answers: a record whose type goes unsaid."""
    return Record(dict(spec, type="SOA"))


def checked(where, build, *args, **kwargs):
    """Builds a part of the script; any bad value in it is a ScriptError
    that says where it is."""
    try:
        return build(*args, **kwargs)
    except (ValueError, TypeError, AttributeError) as err:
        raise ScriptError("%s: %s" % (where, err)) from err


# Queries


class Query:
    """What a reply needs from a query; parsing fails on anything else."""

    def __init__(self, msg):
        need(msg, HEADER.size)
        self.msg_id, flags, qdcount, ancount, nscount, arcount = \
            HEADER.unpack_from(msg)
        if flags & QR or (flags >> 11) & 0xF or qdcount != 1:
            raise ParseError("not a standard query")
        self.rd = bool(flags & RD)
        self.name, offset = read_name(msg, HEADER.size)
        need(msg, offset + 4)
        self.qtype = struct.unpack_from("!H", msg, offset)[0]
        self.question = msg[HEADER.size:offset + 4]
        self.edns_size = opt_size(msg, offset + 4,
                                  ancount + nscount + arcount)

    def udp_limit(self):
        """The largest UDP reply this client takes."""
        if self.edns_size is None:
            return CLASSIC_UDP
        return max(CLASSIC_UDP, min(self.edns_size, EDNS_UDP))


def opt_size(msg, offset, count):
    """The UDP size of the query's OPT record, or None without one."""
    for _ in range(count):
        _, offset = read_name(msg, offset)
        need(msg, offset + RR_FIXED.size)
        rtype, rclass, _, length = RR_FIXED.unpack_from(msg, offset)
        if rtype == TYPE_CODES["OPT"]:
            return rclass
        offset += RR_FIXED.size + length
    return None


# Replies


def message(query, rcode, answers=(), authority=(), aa=True, tc=False):
    """A reply: question echoed, id and RD copied, RA set, OPT if asked."""
    flags = QR | RA | rcode
    for wanted, bit in ((query.rd, RD), (aa, AA), (tc, TC)):
        if wanted:
            flags |= bit
    additional = []
    if query.edns_size is not None:
        additional.append(b"\0" + RR_FIXED.pack(TYPE_CODES["OPT"], EDNS_UDP,
                                                0, 0))
    head = HEADER.pack(query.msg_id, flags, 1, len(answers), len(authority),
                       len(additional))
    return b"".join([head, query.question, *answers, *authority,
                     *additional])


def leading(records, room):
    """The first records whose sizes add up to at most room bytes."""
    kept = []
    for record in records:
        room -= len(record)
        if room < 0:
            break
        kept.append(record)
    return kept


def truncated(query, rule, records, limit):
    """A TC reply within limit bytes, with whole records only."""
    room = limit - len(message(query, NOERROR))
    kept = leading(records, room) if rule.fill else []
    return "TRUNCATED", message(query, NOERROR, kept, aa=rule.aa, tc=True)


def do_answer(script, rule, query, udp):
    """The rule's records; TC when they exceed what the client takes."""
    records = rule.answer(query.qtype)
    if not records:
        return do_nodata(script, rule, query, udp)
    reply = message(query, NOERROR, records, aa=rule.aa)
    if udp and len(reply) > query.udp_limit():
        return truncated(query, rule, records, query.udp_limit())
    return "NOERROR", reply


def do_truncate(script, rule, query, udp):
    """Over UDP always TC, however small; over TCP the whole answer."""
    if not udp:
        return do_answer(script, rule, query, udp)
    return truncated(query, rule, rule.answer(query.qtype), CLASSIC_UDP)


def do_nodata(script, rule, query, _udp):
    """NOERROR without records: the name exists, the type does not."""
    return "NODATA", message(query, NOERROR, authority=[script.soa.wire()],
                             aa=rule.aa)


def do_nxdomain(script, rule, query, _udp):
    """The name does not exist; the SOA lets resolvers cache that."""
    return "NXDOMAIN", message(query, NXDOMAIN,
                               authority=[script.soa.wire()], aa=rule.aa)


def do_servfail(_script, rule, query, _udp):
    """The server failed: resolvers differ in what they do next."""
    return "SERVFAIL", message(query, SERVFAIL, aa=rule.aa)


def do_refused(_script, rule, query, _udp):
    """The server will not answer this name."""
    return "REFUSED", message(query, REFUSED, aa=rule.aa)


def do_drop(_script, _rule, _query, _udp):
    """No reply at all: the client can only time out."""
    return "DROPPED", None


def do_malformed(_script, rule, query, _udp):
    """A reply a careful client must reject rather than trust."""
    records = rule.answer(query.qtype) or [
        resource_record(QUESTION_POINTER, TYPE_CODES["TXT"], DEFAULT_TTL,
                        rdata_txt(rule.variant))]
    return "MALFORMED", MALFORMED[rule.variant](query, rule, records)


def short_reply(query, rule, records):
    """Fewer bytes than a header: id, flags and QDCOUNT, then nothing."""
    return message(query, NOERROR, records, aa=rule.aa)[:6]


def count_lie(query, rule, records):
    """ANCOUNT says 5, the message holds 1: parsing runs off the end."""
    reply = message(query, NOERROR, records[:1], aa=rule.aa)
    return reply[:6] + struct.pack("!H", 5) + reply[8:]


def pointer_loop(query, rule, _records):
    """An answer owned by a pointer to itself: a naive parser never ends."""
    offset = HEADER.size + len(query.question)
    looped = struct.pack("!H", 0xC000 | offset)
    record = looped + RR_FIXED.pack(query.qtype, CLASS_IN, DEFAULT_TTL, 0)
    return message(query, NOERROR, [record], aa=rule.aa)


def wrong_id(query, rule, records):
    """The right answer under an id the client did not use."""
    reply = message(query, NOERROR, records, aa=rule.aa)
    return struct.pack("!H", (query.msg_id + 1) & 0xFFFF) + reply[2:]


def oversized(query, rule, _records):
    """A well-formed reply of 4000 bytes, sent whole even over UDP."""
    room = OVERSIZED - len(message(query, NOERROR, [b""], aa=rule.aa))
    size = room - len(QUESTION_POINTER) - RR_FIXED.size
    filler = bytearray()
    while len(filler) < size:
        chunk = min(255, size - len(filler) - 1)
        filler += bytes([chunk]) + b"x" * chunk
    record = resource_record(QUESTION_POINTER, TYPE_CODES["TXT"],
                             DEFAULT_TTL, bytes(filler))
    return message(query, NOERROR, [record], aa=rule.aa)


MALFORMED = {
    "short": short_reply, "count_lie": count_lie,
    "pointer_loop": pointer_loop, "wrong_id": wrong_id,
    "oversized": oversized,
}

RESPONDERS = {
    "answer": do_answer, "truncate": do_truncate, "nodata": do_nodata,
    "nxdomain": do_nxdomain, "servfail": do_servfail,
    "refused": do_refused, "drop": do_drop, "malformed": do_malformed,
}


# The server


class Connection:
    """One TCP client: framed queries in, framed replies out, in the order
    they are ready, so a delayed reply holds back no other."""

    def __init__(self, server, sock):
        self.server = server
        self.sock = sock
        self.inbox = b""
        self.outbox = b""
        self.closed = False
        sock.setblocking(False)
        server.selector.register(sock, selectors.EVENT_READ, self.on_event)

    def on_event(self, mask):
        """Reads what arrived, writes what waits."""
        if mask & selectors.EVENT_READ:
            self.receive()
        if mask & selectors.EVENT_WRITE and not self.closed:
            self.flush()

    def receive(self):
        """Takes in bytes and handles every whole message among them."""
        try:
            data = self.sock.recv(65535)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self.close()
            return
        self.inbox += data
        while len(self.inbox) >= 2:
            length = struct.unpack_from("!H", self.inbox)[0]
            if len(self.inbox) < 2 + length:
                break
            msg, self.inbox = self.inbox[2:2 + length], self.inbox[2 + length:]
            self.server.handle(msg, "tcp", self.send)

    def send(self, reply):
        """Queues one reply behind its length; the client may be gone."""
        if self.closed:
            return
        self.outbox += struct.pack("!H", len(reply)) + reply
        self.flush()

    def flush(self):
        """Writes what the socket takes now; waits to write the rest."""
        try:
            sent = self.sock.send(self.outbox)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self.close()
            return
        self.outbox = self.outbox[sent:]
        events = selectors.EVENT_READ
        if self.outbox:
            events |= selectors.EVENT_WRITE
        self.server.selector.modify(self.sock, events, self.on_event)

    def close(self):
        """Forgets the client; replies still delayed for it are dropped."""
        if not self.closed:
            self.closed = True
            self.server.selector.unregister(self.sock)
            self.sock.close()


class Server:
    """The two sockets, the TCP clients and the replies waiting on a
    delay, all in one thread around one selector."""

    def __init__(self, script, log):
        self.script = script
        self.log = log
        self.selector = selectors.DefaultSelector()
        self.timers = []
        self.order = itertools.count()
        self.stopping = False

    def bind(self, address, port):
        """Binds UDP, then TCP on the port UDP got; returns the port."""
        family, sockaddr = resolve_numeric(address, port)
        udp = socket.socket(family, socket.SOCK_DGRAM)
        self.watch(udp, self.on_datagram)
        udp.bind(sockaddr)
        port = udp.getsockname()[1]
        tcp = socket.socket(family, socket.SOCK_STREAM)
        self.watch(tcp, self.on_connect)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        tcp.bind(sockaddr[:1] + (port,) + sockaddr[2:])
        tcp.listen(64)
        return port

    def watch(self, sock, callback):
        """Registers a listening socket; close() will close it."""
        sock.setblocking(False)
        self.selector.register(sock, selectors.EVENT_READ,
                               lambda _mask: callback(sock))

    def stop_on_signals(self):
        """SIGTERM and SIGINT end the loop at once, not at the next query:
        the signal wakes the selector through a socket pair."""
        wake_read, wake_write = socket.socketpair()
        wake_write.setblocking(False)
        signal.set_wakeup_fd(wake_write.fileno())
        self.watch(wake_read, lambda sock: sock.recv(512))
        self.wake_write = wake_write
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.on_signal)

    def on_signal(self, _signum, _frame):
        """Asks the loop to end."""
        self.stopping = True

    def run(self):
        """Serves until a signal asks it to stop."""
        while not self.stopping:
            for key, mask in self.selector.select(self.next_timeout()):
                key.data(mask)
            self.run_due()

    def close(self):
        """Closes every socket, listening or connected."""
        signal.set_wakeup_fd(-1)
        for key in list(self.selector.get_map().values()):
            key.fileobj.close()
        self.selector.close()
        if hasattr(self, "wake_write"):
            self.wake_write.close()

    def on_datagram(self, sock):
        """One UDP query; the reply goes back to its source only."""
        try:
            data, peer = sock.recvfrom(65535)
        except (BlockingIOError, InterruptedError):
            return
        self.handle(data, "udp", lambda reply: send_to(sock, reply, peer))

    def on_connect(self, sock):
        """A new TCP client."""
        try:
            client, _ = sock.accept()
        except (BlockingIOError, InterruptedError):
            return
        Connection(self, client)

    def handle(self, msg, transport, send):
        """Logs a query and sends, now or after the rule's delay, the
        reply the script gives it."""
        try:
            query = Query(msg)
        except ParseError:
            return
        rule = self.script.rule_for(query)
        if rule.drops_next():
            outcome, reply = do_drop(self.script, rule, query, False)
        else:
            outcome, reply = RESPONDERS[rule.action](
                self.script, rule, query, transport == "udp")
        print(transport, query.name.lower(), type_name(query.qtype), outcome,
              file=self.log, flush=True)
        if reply is None:
            return
        if rule.delay > 0:
            heapq.heappush(self.timers, (time.monotonic() + rule.delay,
                                         next(self.order), send, reply))
        else:
            send(reply)

    def next_timeout(self):
        """Seconds until the next delayed reply is due; None if none is."""
        if not self.timers:
            return None
        return max(0.0, self.timers[0][0] - time.monotonic())

    def run_due(self):
        """Sends the delayed replies whose time has come."""
        while self.timers and self.timers[0][0] <= time.monotonic():
            _, _, send, reply = heapq.heappop(self.timers)
            send(reply)


def send_to(sock, reply, peer):
    """One datagram to the client; a failure to send is the client's."""
    try:
        sock.sendto(reply, peer)
    except OSError as err:
        print("scripted_dns: reply to %s: %s" % (peer[0], err),
              file=sys.stderr)


def resolve_numeric(address, port):
    """Family and socket address of a numeric address; getaddrinfo turns
    a %zone into the scope id."""
    try:
        info = socket.getaddrinfo(address, port, type=socket.SOCK_DGRAM,
                                  flags=socket.AI_NUMERICHOST)
    except socket.gaierror as err:
        raise OSError("not a numeric address: %r: %s"
                      % (address, err)) from err
    family, _, _, _, sockaddr = info[0]
    return family, sockaddr


def write_atomically(path, text):
    """Writes a file whole or not at all, for readers that poll it."""
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


def parse_args(argv):
    """The command line; see the module docstring."""
    parser = argparse.ArgumentParser(
        description="Authoritative DNS server that answers as a JSON "
                    "script says.")
    parser.add_argument("--listen", required=True,
                        help="numeric IPv4 or IPv6 address, %%zone allowed")
    parser.add_argument("--port", type=int, default=53)
    parser.add_argument("--script", required=True, help="JSON script")
    parser.add_argument("--log", required=True,
                        help="file to append one line per query to")
    parser.add_argument("--pid-file", help="file to write the pid to")
    parser.add_argument("--ready-file",
                        help="file created once both sockets are bound")
    return parser.parse_args(argv)


def serve(args, script, log):
    """Binds, announces readiness, serves until a signal."""
    server = Server(script, log)
    try:
        server.stop_on_signals()
        port = server.bind(args.listen, args.port)
        ready = "ready %s %d\n" % (args.listen, port)
        if args.ready_file:
            write_atomically(args.ready_file, ready)
        sys.stdout.write(ready)
        sys.stdout.flush()
        server.run()
    finally:
        server.close()


def main(argv=None):
    """Runs the server; exit status 2 when it cannot start."""
    args = parse_args(argv)
    made = [f for f in (args.pid_file, args.ready_file) if f]
    try:
        script = Script(args.script)
        if args.pid_file:
            write_atomically(args.pid_file, "%d\n" % os.getpid())
        with open(args.log, "a", encoding="utf-8") as log:
            serve(args, script, log)
    except (OSError, ScriptError) as err:
        print("scripted_dns: %s" % err, file=sys.stderr)
        return 2
    finally:
        for path in made:
            if os.path.exists(path):
                os.remove(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
