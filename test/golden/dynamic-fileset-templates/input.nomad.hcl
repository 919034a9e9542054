job "relay" {
  group "relay" {
    network {
      port "http" {
        to = 7000
      }
    }

    service {
      name = "relay"
      port = "http"
    }

    task "relay" {
      driver = "docker"

      config {
        image = "example/relay:1.2"
        ports = ["http"]
      }

      dynamic "template" {
        for_each = fileset(".", "conf/*.tpl")
        content {
          data        = file(template.value)
          destination = "local/${trimsuffix(basename(template.value), ".tpl")}"
        }
      }
    }
  }
}
