# The whole image comes from a job variable without a value (it may carry its own tag); a
# sidecar's image is a registry variable plus a name, so it still gets a tag variable.
variable "broker_image" {
  description = "Broker image with its tag, e.g. eclipse-mosquitto:2"
  type        = string
}

variable "registry" {
  description = "Registry of the helper images"
  type        = string
}

job "broker" {
  group "broker" {
    network {
      port "mqtt" {
        to = 1883
      }
    }

    service {
      name = "broker"
      port = "mqtt"
    }

    task "broker" {
      driver = "docker"

      config {
        image = var.broker_image
        ports = ["mqtt"]
      }
    }

    task "exporter" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "${var.registry}/mqtt-exporter"
      }
    }
  }
}
