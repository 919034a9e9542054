variable "workers" {
  type        = number
  description = "How many workers"
}

job "workers" {
  group "w" {
    count = var.workers

    task "worker" {
      driver = "docker"

      config {
        image = "busybox:1.36"
      }
    }
  }
}
