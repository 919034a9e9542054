# A parameterized job whose meta defaults come from job variables without value: where the
# default is written into a file, it is the module input, not literal `${var.x}` text.
variable "region_name" {
  type = string
}

job "report" {
  datacenters = ["dc1"]
  type        = "batch"

  parameterized {
    meta_required = ["SUBJECT"]
    meta_optional = ["REGION"]
  }

  meta {
    REGION = var.region_name
  }

  group "run" {
    task "report" {
      driver = "docker"

      config {
        image = "example/report:1"
        args  = ["--subject", "${NOMAD_META_SUBJECT}"]
      }

      template {
        data        = <<EOF
{"region": "${NOMAD_META_REGION}", "days": {{ env "NOMAD_META_DAYS" | or "30" }}}
EOF
        destination = "local/report.json"
      }
    }
  }
}
