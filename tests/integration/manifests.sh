#!/bin/sh
# The Kubernetes manifests in docs/kubernetes, read by a real YAML parser
# (python3-yaml): every document parses, and the fields that decide
# whether the checks run, and with what privilege, say what the README
# says: the kinds, the schedule, the image, a command that is probe
# check itself (a shell in between loses NET_RAW), capabilities dropped
# but NET_RAW, a non-root user matching the Dockerfile's, no privilege
# escalation, a read-only root, resources, and the target list.
#
# Prints "ok NAME" or "FAIL NAME: why" for each check, then
# "N passed, N failed"; exits non-zero if any check failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)

if ! python3 -c 'import yaml' 2>/dev/null; then
	echo "FAIL yaml: python3 cannot import yaml: install python3-yaml" \
		"(make deps)"
	echo "0 passed, 1 failed"
	exit 1
fi

exec python3 - "$root/docs/kubernetes" "$root/Dockerfile" <<'EOF'
import glob
import os
import re
import sys

import yaml

NAMESPACE = "probe"
TARGETS_MOUNT = "/etc/probe"
TARGETS_FILE = TARGETS_MOUNT + "/targets"
SHELLS = {"sh", "bash", "dash", "ash", "busybox", "env", "watch"}

manifest_dir, dockerfile = sys.argv[1], sys.argv[2]
results = []


def check(name, why):
    """Record one check: why is None when it holds."""
    results.append((name, why))


def first_failure(*reasons):
    for r in reasons:
        if r is not None:
            return r
    return None


def load_documents():
    docs = []
    files = sorted(glob.glob(os.path.join(manifest_dir, "*.yaml")))
    check("files", None if files else "no *.yaml in " + manifest_dir)
    for path in files:
        name = os.path.basename(path)
        try:
            with open(path, encoding="utf-8") as f:
                found = [d for d in yaml.safe_load_all(f) if d is not None]
        except yaml.YAMLError as e:
            check("parse " + name, str(e).replace("\n", " "))
            continue
        check("parse " + name, None if found else "no document")
        docs.extend((name, d) for d in found)
    return docs


def shape(doc):
    if not isinstance(doc, dict):
        return "not a mapping"
    for key in ("apiVersion", "kind", "metadata"):
        if key not in doc:
            return "no " + key
    if not isinstance(doc["metadata"], dict) or \
            not doc["metadata"].get("name"):
        return "no metadata.name"
    return None


def label(doc):
    return "%s/%s" % (doc["kind"].lower(), doc["metadata"]["name"])


def pod_spec(doc):
    if doc["kind"] == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return doc["spec"]["template"]["spec"]


def containers(spec):
    return spec.get("initContainers", []) + spec.get("containers", [])


def effective(pod, ctr, key):
    """A securityContext field as it applies: the container's wins."""
    csc = ctr.get("securityContext") or {}
    psc = pod.get("securityContext") or {}
    return csc[key] if key in csc else psc.get(key)


def check_command(argv):
    """argv runs probe check on the mounted target list."""
    if not isinstance(argv, list) or len(argv) < 2:
        return "no command"
    prog = os.path.basename(str(argv[0]))
    if prog in SHELLS:
        return "runs %s, which drops NET_RAW before probe" % prog
    if prog != "probe" or argv[1] != "check":
        return "runs %s, not probe check" % " ".join(map(str, argv[:2]))
    if "--file" not in argv or argv.index("--file") + 1 >= len(argv):
        return "no --file"
    if argv[argv.index("--file") + 1] != TARGETS_FILE:
        return "--file is not " + TARGETS_FILE
    return None


def the_check(doc, ctr):
    """The CronJob's container runs it; the DaemonSet's kubelet does."""
    if doc["kind"] == "CronJob":
        return ctr.get("command")
    probe = ctr.get("readinessProbe") or {}
    return (probe.get("exec") or {}).get("command")


def check_caps(pod, ctr):
    sc = ctr.get("securityContext") or {}
    caps = sc.get("capabilities") or {}
    if caps.get("drop") != ["ALL"]:
        return "drop is %r, not [ALL]" % caps.get("drop")
    if caps.get("add") != ["NET_RAW"]:
        return "add is %r, not [NET_RAW]" % caps.get("add")
    if effective(pod, ctr, "privileged"):
        return "privileged"
    return None


def check_hardening(pod, ctr):
    if effective(pod, ctr, "runAsNonRoot") is not True:
        return "runAsNonRoot is not true"
    uid = effective(pod, ctr, "runAsUser")
    if not isinstance(uid, int) or uid == 0:
        return "runAsUser is %r" % uid
    sc = ctr.get("securityContext") or {}
    if sc.get("allowPrivilegeEscalation") is not False:
        return "allowPrivilegeEscalation is not false"
    if sc.get("readOnlyRootFilesystem") is not True:
        return "readOnlyRootFilesystem is not true"
    return None


def check_resources(ctr):
    res = ctr.get("resources") or {}
    for kind in ("requests", "limits"):
        for what in ("cpu", "memory"):
            if not (res.get(kind) or {}).get(what):
                return "no %s.%s" % (kind, what)
    return None


def check_image(ctr):
    image = ctr.get("image") or ""
    tag = image.rsplit("/", 1)[-1]
    if ":" not in tag and "@" not in image:
        return "image %r has no tag" % image
    if tag.endswith(":latest"):
        return "image %r is :latest" % image
    return None


def check_pod(pod):
    for key in ("hostNetwork", "hostPID", "hostIPC"):
        if pod.get(key):
            return key + " is set"
    if pod.get("automountServiceAccountToken") is not False:
        return "the service account token is mounted"
    return None


def check_mount(pod, ctr, configmaps):
    mounts = [m for m in ctr.get("volumeMounts", [])
              if m.get("mountPath") == TARGETS_MOUNT]
    if not mounts:
        return "nothing mounted at " + TARGETS_MOUNT
    vols = {v["name"]: v for v in pod.get("volumes", [])}
    vol = vols.get(mounts[0].get("name"), {})
    cm = (vol.get("configMap") or {}).get("name")
    if cm not in configmaps:
        return "%s is not from a ConfigMap here" % TARGETS_MOUNT
    if "targets" not in (configmaps[cm].get("data") or {}):
        return "ConfigMap %s has no key targets" % cm
    return None


def dockerfile_user():
    with open(dockerfile, encoding="utf-8") as f:
        users = re.findall(r"^USER\s+(\d+)(?::(\d+))?\s*$", f.read(), re.M)
    if not users:
        return None, None
    uid, gid = users[-1]
    return int(uid), int(gid) if gid else None


def check_user(pod, ctr):
    uid, gid = dockerfile_user()
    if uid is None:
        return "the Dockerfile has no numeric USER"
    if effective(pod, ctr, "runAsUser") != uid:
        return "runAsUser is not the image's %d" % uid
    if gid is not None and effective(pod, ctr, "runAsGroup") != gid:
        return "runAsGroup is not the image's %d" % gid
    return None


def check_workload(doc, configmaps, images):
    name = label(doc)
    pod = pod_spec(doc)
    check(name + ": pod", check_pod(pod))
    ctrs = containers(pod)
    check(name + ": containers", None if ctrs else "none")
    for ctr in ctrs:
        at = "%s: %s: " % (name, ctr.get("name"))
        check(at + "image", check_image(ctr))
        images.add(ctr.get("image"))
        check(at + "capabilities", check_caps(pod, ctr))
        check(at + "hardening", check_hardening(pod, ctr))
        check(at + "user", check_user(pod, ctr))
        check(at + "resources", check_resources(ctr))
        check(at + "probe check", check_command(the_check(doc, ctr)))
        check(at + "targets", check_mount(pod, ctr, configmaps))


def check_cronjob(doc):
    spec = doc["spec"]
    job = spec["jobTemplate"]["spec"]
    deadline = job.get("activeDeadlineSeconds")
    check(label(doc) + ": schedule", first_failure(
        None if spec.get("schedule") == "* * * * *" else
        "schedule %r is not every minute" % spec.get("schedule"),
        None if spec.get("concurrencyPolicy") == "Forbid" else
        "runs may overlap",
        None if isinstance(deadline, int) and deadline < 60 else
        "a run may last past the next one's start",
        None if pod_spec(doc).get("restartPolicy") == "Never" else
        "a failed check is run again"))


def check_daemonset(doc):
    tmpl = doc["spec"]["template"]
    sel = doc["spec"]["selector"].get("matchLabels", {})
    labels = tmpl.get("metadata", {}).get("labels", {})
    ctrs = tmpl["spec"].get("containers", [])
    periods = [(c.get("readinessProbe") or {}).get("periodSeconds")
               for c in ctrs]
    check(label(doc) + ": selector", None if sel and all(
        labels.get(k) == v for k, v in sel.items()) else
        "the selector does not match the pods")
    check(label(doc) + ": every minute", None if 60 in periods else
          "no readiness check every 60 s")


def check_targets(configmaps):
    text = (configmaps.get("probe-targets", {}).get("data") or {}) \
        .get("targets", "")
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    why = None if lines else "no target"
    for ln in lines:
        m = re.fullmatch(r"[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:(\d+))?", ln)
        if m is None or (m.group(3) and not 0 < int(m.group(3)) < 65536):
            why = "bad target line %r" % ln
    check("configmap/probe-targets: lines", why)


def main():
    docs = load_documents()
    for name, doc in docs:
        why = shape(doc)
        if why is not None:
            check("shape " + name, why)
    docs = [d for _, d in docs if shape(d) is None]

    kinds = sorted(d["kind"] for d in docs)
    check("kinds", None if kinds == ["ConfigMap", "CronJob", "DaemonSet",
                                     "Namespace"] else
          "kinds are %s" % ", ".join(kinds))

    ns = [d for d in docs if d["kind"] == "Namespace"]
    enforce = ns[0]["metadata"].get("labels", {}).get(
        "pod-security.kubernetes.io/enforce") if ns else None
    check("namespace", first_failure(
        None if ns and ns[0]["metadata"]["name"] == NAMESPACE else
        "no namespace " + NAMESPACE,
        None if enforce == "privileged" else
        "Pod Security enforces %r, which refuses NET_RAW" % enforce,
        next(("%s is in %r" % (label(d), d["metadata"].get("namespace"))
              for d in docs if d["kind"] != "Namespace" and
              d["metadata"].get("namespace") != NAMESPACE), None)))

    configmaps = {d["metadata"]["name"]: d for d in docs
                  if d["kind"] == "ConfigMap"}
    images = set()
    for doc in docs:
        if doc["kind"] in ("CronJob", "DaemonSet"):
            check_workload(doc, configmaps, images)
        if doc["kind"] == "CronJob":
            check_cronjob(doc)
        if doc["kind"] == "DaemonSet":
            check_daemonset(doc)
    check("one image", None if len(images) == 1 else
          "images: %s" % ", ".join(sorted(map(str, images))))
    check_targets(configmaps)

    failed = 0
    for name, why in results:
        if why is None:
            print("ok " + name)
        else:
            print("FAIL %s: %s" % (name, why))
            failed += 1
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


sys.exit(main())
EOF
