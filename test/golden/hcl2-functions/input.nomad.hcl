variable "replicas" {
  type = number
}

variable "debug" {
  type    = bool
  default = false
}

variable "ports" {
  type    = list(number)
  default = [8080]
}

variable "labels" {
  type = map(string)
  default = {
    team = "core"
  }
}

variables {
  base_domain = "Example.ORG"
}

locals {
  settings = merge({ level = "info", retries = 3 }, var.debug ? { level = "debug" } : {})
  hosts    = formatlist("%s.%s", ["api", "www"], lower(var.base_domain))
  subnet   = cidrsubnet("10.20.0.0/16", 8, 3)
  files = {
    "motd.txt"  = "hello from ${var.base_domain}\n"
    "robots.txt" = "User-agent: *\nDisallow: /\n"
  }
}

job "funcs" {
  group "app" {
    count = var.replicas

    network {
      port "http" {
        to = var.ports[0]
      }
    }

    task "api" {
      driver = "docker"

      config {
        image = format("registry.local/%s:%s", "api", "2.${var.replicas}.0")
        ports = ["http"]
        args  = concat(["--listen", ":${var.ports[0]}"], [for h in local.hosts : "--host=${h}"], split(",", "a,b"))
      }

      env {
        SETTINGS   = jsonencode(local.settings)
        TEAM       = lookup(var.labels, "team", "none")
        OWNER      = lookup(var.labels, "owner", "nobody")
        GATEWAY    = cidrhost(local.subnet, 1)
        SLUG       = regex_replace("Hello World 42", "[^A-Za-z0-9]+", "-")
        AUTH       = base64encode("user:pass")
        HOSTS      = join(" ", local.hosts)
        MODE       = var.debug ? "debug" : "normal"
        PORT_PLUS  = var.ports[0] + 1
        COUNT_TEXT = "%{ if var.replicas > 1 }many%{ else }one%{ endif }"
      }

      dynamic "template" {
        for_each = local.files
        iterator = f
        content {
          destination = "local/${f.key}"
          data        = f.value
        }
      }

      template {
        destination = "local/settings.yml"
        data        = yamlencode({ settings = local.settings, hosts = local.hosts })
      }
    }
  }
}
