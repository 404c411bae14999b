// Key Vault (Azure RBAC, no access policies) holding the SingleTenant bot's client secret. The web app reads it through
// an App Service Key Vault reference with its managed identity, so the secret never sits in the app settings.
param name string
param location string
@description('The secret\'s name in the vault.')
param secretName string
@secure()
param secretValue string
@description('Principal (object) id of the managed identity that may read the secret.')
param principalId string
param tags object

// Built-in role Key Vault Secrets User: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretName
  properties: {
    value: secretValue
    contentType: 'Bot Framework client secret (MicrosoftAppPassword)'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
@description('Versionless URI: App Service picks up a rotated secret without a redeployment.')
output secretUri string = secret.properties.secretUri
