import type { Task } from "../../nomad/model.js";
import type { VolumeMountPlan } from "../model.js";
import { mount, type PodVolumes } from "./pod-volumes.js";

const MI = 1024 * 1024;

/**
 * docker `shm_size` sized the container's /dev/shm (64 MB otherwise); the kubelet gives 64 MB
 * too, so a bigger one is an in-memory empty_dir of that size at /dev/shm. Its pages count
 * against the container's memory limit, as they did in the docker cgroup.
 */
export function shmMounts(task: Task, pod: PodVolumes): VolumeMountPlan[] {
  const bytes = task.config.shmSize;
  if (!bytes || bytes <= 0) return [];
  const size = bytes % (MI * 1024) === 0 ? `${bytes / MI / 1024}Gi` : bytes % MI === 0 ? `${bytes / MI}Mi` : String(bytes);
  return [mount(pod.emptyDir("dshm", { medium: "Memory", sizeLimit: size }), "/dev/shm")];
}
