# A Spring Boot jar run by Nomad's java driver on the node's JDK 17; the jar is an artifact.
job "billing" {
  datacenters = ["dc1"]

  constraint {
    attribute = "${driver.java.version}"
    operator  = "version"
    value     = ">= 17"
  }

  group "billing" {
    count = 2

    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "billing"
      port = "http"

      check {
        type     = "http"
        path     = "/actuator/health"
        interval = "10s"
        timeout  = "2s"
      }
    }

    task "billing" {
      driver = "java"

      artifact {
        source = "https://artifacts.example.com/billing/billing-3.4.0.jar"
        options {
          checksum = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"
        }
      }

      config {
        jar_path    = "local/billing-3.4.0.jar"
        jvm_options = ["-Xmx${NOMAD_MEMORY_LIMIT}m", "-Dspring.config.location=local/application.yml"]
        args        = ["--server.port=${NOMAD_PORT_http}"]
      }

      template {
        destination = "local/application.yml"
        data        = <<-EOT
          billing:
            currency: EUR
        EOT
      }

      resources {
        cpu    = 500
        memory = 768
      }
    }
  }
}
