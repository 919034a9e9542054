# Values a Nomad client fills in at run time: the task's resources (-Xmx${NOMAD_MEMORY_LIMIT}m
# becomes the container's memory limit in MiB), node facts (the downward API in env, args and
# env templates; a blocking step for a file template), an unknown attribute (blocking), and a
# dynamic port nothing uses (dropped, no module input).
job "runtimevals" {
  datacenters = ["dc1"]
  group "app" {
    network {
      port "http" { to = 8080 }
      port "debug" {}
    }
    service {
      name = "runtimevals"
      port = "http"
      check {
        type     = "http"
        path     = "/health"
        interval = "10s"
        timeout  = "2s"
      }
    }
    task "server" {
      driver = "docker"
      config {
        image   = "eclipse-temurin:21-jre"
        ports   = ["http", "debug"]
        command = "java"
        args    = ["-Xmx${NOMAD_MEMORY_LIMIT}m", "-XX:ActiveProcessorCount=${NOMAD_CPU_CORES}", "-Dnode=${node.unique.name}", "-jar", "/app.jar"]
      }
      env {
        MAX_MEM   = "${NOMAD_MEMORY_MAX_LIMIT}"
        CPU_MHZ   = "${NOMAD_CPU_LIMIT}"
        HOST_ADDR = "${attr.unique.network.ip-address}"
        KERNEL    = "${attr.kernel.name}"
      }
      template {
        destination = "local/node.env"
        env         = true
        data        = <<EOT
NODE_HOST={{ env "attr.unique.hostname" }}
ALLOC={{ env "NOMAD_ALLOC_ID" }}
HEAP_MB={{ env "NOMAD_MEMORY_LIMIT" }}
EOT
      }
      template {
        destination = "local/run.conf"
        data        = <<EOT
heap={{ env "NOMAD_MEMORY_LIMIT" }}
hostname={{ env "attr.unique.hostname" }}
ip={{ env "attr.unique.network.ip-address" }}
EOT
      }
      resources {
        cpu        = 500
        memory     = 512
        memory_max = 1024
      }
    }
  }
}
