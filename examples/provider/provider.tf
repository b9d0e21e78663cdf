terraform {
  required_providers {
    dealpos = {
      source = "dealpos/dealpos"
    }
  }
}

# Secrets come in through sensitive variables (for example TF_VAR_dealpos_token).
# Left null, a provider argument falls back to its DEALPOS_* environment variable.
variable "dealpos_token" {
  type      = string
  sensitive = true
  default   = null
}

variable "dealpos_client_id" {
  type      = string
  sensitive = true
  default   = null
}

variable "dealpos_client_secret" {
  type      = string
  sensitive = true
  default   = null
}

provider "dealpos" {
  base_url = "https://mystore.dealpos.net/api/v3"
  # Or name the tenant and let the provider build the API root:
  # subdomain = "mystore"

  # A static bearer token...
  token = var.dealpos_token

  # ...or OAuth2 client credentials, renewed automatically. When both are
  # configured, the client credentials are used.
  # client_id     = var.dealpos_client_id
  # client_secret = var.dealpos_client_secret

  # Optional: time limit of one HTTP attempt, and retries after 429/502/503/504.
  # request_timeout = "30s"
  # max_retries     = 10
}
