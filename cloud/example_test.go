package cloud_test

import (
	"fmt"

	"baton/cloud"
)

// ExampleDiff compares a local definition with the deployed one after
// resolving a CDK placeholder, and prints the per-state summary.
func ExampleDiff() {
	deployed := `{"StartAt":"Pay","States":{"Pay":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:pay","End":true}}}`
	local := `{"StartAt":"Pay","States":{"Pay":{"Type":"Task","Resource":"${PayArn}","TimeoutSeconds":30,"End":true}}}`
	d, err := cloud.Diff([]byte(local), []byte(deployed), map[string]string{"PayArn": "arn:aws:lambda:us-east-1:123456789012:function:pay"})
	if err != nil {
		panic(err)
	}
	for _, s := range d.States {
		fmt.Println(s.State, s.Change, s.Fields)
	}
	// Output:
	// Pay changed [TimeoutSeconds]
}
