import { DNS_LABEL } from "../config/site-config.js";
import { inertLine } from "../redact.js";
import type { CommonOptions } from "./inputs.js";
import { UsageError } from "./io.js";

// An option that does nothing in the mode given is a mistake the user should hear about: a
// kubectl habit (--namespace), a flag meant for --from-nomad, a folder that would be ignored.

export function fromNomad(opts: CommonOptions): boolean {
  return opts.fromNomad !== undefined && opts.fromNomad !== false;
}

/** Refuses the options convert would ignore: Nomad API options without --from-nomad, file options with it. */
export function checkSourceOptions(opts: CommonOptions, inputsGiven: boolean): void {
  if (opts.namespace !== undefined && !DNS_LABEL.test(opts.namespace)) throw new UsageError(`--namespace ${inertLine(opts.namespace)}: a Kubernetes namespace is a DNS-1123 label (lowercase letters, digits and '-')`);
  if (!fromNomad(opts)) {
    if (opts.job?.length) throw new UsageError("--job picks jobs to read from a running Nomad and needs --from-nomad; to convert one job file, give the file");
    if (opts.nomadNamespace !== undefined) throw new UsageError("--nomad-namespace is the Nomad namespace --from-nomad reads, and needs --from-nomad");
    return;
  }
  if (inputsGiven) throw new UsageError("with --from-nomad the jobs come from Nomad's API: leave out the job files and folders, or convert them without --from-nomad");
  if (opts.var?.length || opts.varFile?.length) throw new UsageError("--var and --var-file set the HCL2 variables of job files; jobs read with --from-nomad were evaluated by Nomad when they were submitted");
  // --namespace was the Nomad namespace here before: taking it silently as the module's would read another namespace than meant.
  if (opts.namespace !== undefined && opts.nomadNamespace === undefined) {
    throw new UsageError("--namespace sets the Kubernetes namespace of the modules; the Nomad namespace --from-nomad reads is --nomad-namespace (it was --namespace before): pass --nomad-namespace, or both");
  }
}

/** migrate and explain: --inputs says where to find a job given by name, so with a file it does nothing. */
export function checkTargetOptions(target: string, isFile: boolean, inputsGiven: boolean): void {
  if (isFile && inputsGiven) throw new UsageError(`${inertLine(target)} is a file: --inputs only says where to look for a job given by name`);
}
