import type { Constraint, Task } from "../../nomad/model.js";
import type { DriverForm, FormContext } from "./form.js";
import { inTaskDir, rootFiles, taskRelative } from "./task-dir.js";
import { workdirNote } from "./task-workdir.js";

/** Java feature releases with an Eclipse Temurin JRE image. */
const JRE_RELEASES = [8, 11, 17, 21, 25];

/**
 * java: a JRE image runs `java <jvm_options> -jar <jar_path> <args>` (or `-cp <class_path>
 * <class>`), as Nomad's java driver did with the node's JDK, from the task directory.
 */
export function javaForm(task: Task, ctx: FormContext): DriverForm {
  const p = task.process ?? {};
  if (!p.jarPath && !p.class) return undefined;
  const hint = javaHint(task, ctx);
  const wanted = hint?.version;
  const release = wanted === undefined ? Number(ctx.config.drivers.javaVersion) : (JRE_RELEASES.find((r) => r >= wanted) ?? JRE_RELEASES[JRE_RELEASES.length - 1]);
  const image = `${ctx.config.drivers.javaImage}:${release}-jre`;
  const main = p.jarPath ? ["-jar", inTaskDir(p.jarPath)] : [...(p.classPath ? ["-cp", p.classPath] : []), p.class!];
  const args = [...(p.jvmOptions ?? []), ...main, ...(task.config.args ?? [])].map((a) => taskRelative(a, rootFiles(task)));
  const from = hint ? `Java ${hint.version} asked by ${hint.from}${release !== hint.version ? ` (Temurin has no ${hint.version} JRE: ${release})` : ""}` : `no Java version in the job: the site config's ${release} (drivers.javaVersion)`;
  ctx.diags.warn("N2K-DRIVER-003", `task "${task.name}" (java) runs ${p.jarPath ? `the jar ${inTaskDir(p.jarPath)}` : `the class ${p.class}`} in ${image} instead of the node's JDK, ${workdirNote(task)}; ${from}`, {
    path: `${task.path}.driver`,
    hint: "check the app runs on this Java version; the jar is fetched by the artifact init container as Nomad fetched it",
  });
  return {
    task: {
      ...task,
      substitute: { driver: "java", summary: `${image} running ${p.jarPath ? inTaskDir(p.jarPath) : p.class}` },
      config: { ...task.config, image, entrypoint: ["java"], command: undefined, args },
    },
  };
}

/**
 * The Java version the job asks for: a `${driver.java.version}` constraint (`1.8` is 8), the
 * node JDK its `jdk_path` names (`/usr/lib/jvm/java-11-openjdk`), or a meta value named for it
 * (`java_version`, `jdk`).
 */
function javaHint(task: Task, ctx: FormContext): { version: number; from: string } | undefined {
  const constraints: Constraint[] = [...task.constraints, ...ctx.group.constraints, ...ctx.job.constraints];
  for (const c of constraints) {
    if (!/driver\.java\.version/.test(c.attribute ?? "")) continue;
    const v = featureRelease(c.value ?? "");
    if (v) return { version: v, from: `the constraint ${c.attribute} ${c.operator ?? "="} ${c.value}` };
  }
  const jdk = task.process?.jdkPath;
  const fromPath = jdk ? featureRelease(jdk.split("/").filter((s) => /jdk|jre|java/i.test(s)).join(" ")) : undefined;
  if (fromPath) return { version: fromPath, from: `jdk_path = "${jdk}"` };
  const meta = { ...ctx.job.meta, ...ctx.group.meta, ...task.meta };
  for (const [k, value] of Object.entries(meta)) {
    if (!/^(?:java[-_]?version|jdk[-_]?version|jdk|jre|java)$/i.test(k)) continue;
    const v = featureRelease(value);
    if (v) return { version: v, from: `meta ${k} = "${value}"` };
  }
  return undefined;
}

function featureRelease(text: string): number | undefined {
  const m = /(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  const n = m[1] === "1" && m[2] ? Number(m[2]) : Number(m[1]);
  return n >= 5 && n < 100 ? n : undefined;
}
