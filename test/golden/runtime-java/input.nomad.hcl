# A java task sizing its heap from Nomad: -Xmx${NOMAD_MEMORY_LIMIT}m becomes the container memory limit in MiB;
# a node fact comes from the downward API; a meta key Nomad would fill is blocking, named by its jvm_options index.
job "javaapp" {
  datacenters = ["dc1"]
  group "app" {
    network {
      port "http" { to = 8080 }
    }
    service {
      name = "javaapp"
      port = "http"
    }
    task "server" {
      driver = "java"
      config {
        jar_path    = "local/app.jar"
        jvm_options = ["-Xmx${NOMAD_MEMORY_LIMIT}m", "-Xms${NOMAD_MEMORY_LIMIT}m", "-Dhost=${attr.unique.hostname}", "-Dzone=${meta.zone}"]
        args        = ["--port", "${NOMAD_PORT_http}"]
      }
      artifact {
        source = "https://example.com/app.jar"
      }
      resources {
        cpu    = 1000
        memory = 2048
      }
    }
  }
}
