# Terraform refuses these names for a variable ("Invalid variable name" at terraform init).
variable "version" {
  type        = string
  description = "Release of the app"
}
variable "count" {
  type = number
}
variable "source" {}

job "releases" {
  group "web" {
    network {
      port "http" { to = 8080 }
    }
    service {
      name = "releases"
      port = "http"
    }
    task "app" {
      driver = "docker"
      config {
        image = "example/releases:${var.version}"
        ports = ["http"]
        args  = ["--mirror", var.source, "--workers", "${var.count}", "--lifecycle", var.lifecycle]
      }
    }
  }
}
